// Markets and web presences as 2026-10 models them: web presences belong to the shop (`webPresences`,
// `webPresenceCreate`) and serve one or more markets; each has a default locale and alternate locales, and its
// root URLs are the storefront's home per locale (subfolders of the primary domain here: /fr/…).
import type { ShopState } from "./state";

export interface MarketRecord {
  id: string;
  name: string;
  handle: string;
  status: "ACTIVE" | "DRAFT";
  type: "REGION";
  /** ISO 3166 country codes of the market's region condition. */
  countries: string[];
  currencyCode: string;
  webPresenceIds: string[];
}

export interface WebPresenceRecord {
  id: string;
  /** null: the shop's primary domain, locales as subfolders (`/fr`). */
  subfolderSuffix: string | null;
  defaultLocale: string;
  alternateLocales: string[];
  marketIds: string[];
}

const COUNTRY_NAMES = new Intl.DisplayNames(["en"], { type: "region" });

export function countryName(code: string): string {
  return COUNTRY_NAMES.of(code) ?? code;
}

/** The seeded markets: the home country, the rest of the euro area it ships to, and the UK in pounds. */
const DEFAULT_MARKETS = [
  { name: "France", countries: ["FR"], currencyCode: "EUR" },
  {
    name: "Europe",
    countries: ["BE", "DE", "ES", "IT", "LU", "NL"],
    currencyCode: "EUR",
  },
  { name: "United Kingdom", countries: ["GB"], currencyCode: "GBP" },
];

/** One web presence on the primary domain for every market, with the shop's locales (`/fr/…`). */
export function addDefaultMarkets(shop: ShopState, nextId: () => number): void {
  if (shop.markets.size > 0 || shop.webPresences.size > 0) return;
  const primary = shop.info.locales.find((l) => l.primary)?.locale ?? "en";
  const presence: WebPresenceRecord = {
    id: `gid://shopify/MarketWebPresence/${nextId()}`,
    subfolderSuffix: null,
    defaultLocale: primary,
    alternateLocales: shop.info.locales
      .filter((l) => !l.primary)
      .map((l) => l.locale),
    marketIds: [],
  };
  shop.webPresences.set(presence.id, presence);
  for (const market of DEFAULT_MARKETS) {
    const id = `gid://shopify/Market/${nextId()}`;
    shop.markets.set(id, {
      id,
      name: market.name,
      handle: market.name.toLowerCase().replace(/\s+/g, "-"),
      status: "ACTIVE",
      type: "REGION",
      countries: market.countries,
      currencyCode: market.currencyCode,
      webPresenceIds: [presence.id],
    });
    presence.marketIds.push(id);
  }
}

/** The web presences that serve a locale, as ShopLocale.marketWebPresences reports them. */
export function presencesForLocale(
  shop: ShopState,
  locale: string,
): WebPresenceRecord[] {
  return [...shop.webPresences.values()].filter(
    (w) => w.defaultLocale === locale || w.alternateLocales.includes(locale),
  );
}

/**
 * The storefront home per locale: on the primary domain `https://{domain}/` for the default locale and
 * `https://{domain}/{locale}/` for the others; a subfolder presence (suffix `ca`) uses `/{locale}-ca/`.
 */
export function rootUrls(
  domain: string,
  presence: WebPresenceRecord,
): { locale: string; url: string }[] {
  const suffix = presence.subfolderSuffix;
  const url = (locale: string, isDefault: boolean) =>
    suffix
      ? `https://${domain}/${locale}-${suffix}/`
      : isDefault
        ? `https://${domain}/`
        : `https://${domain}/${locale}/`;
  return [
    { locale: presence.defaultLocale, url: url(presence.defaultLocale, true) },
    ...presence.alternateLocales.map((locale) => ({
      locale,
      url: url(locale, false),
    })),
  ];
}
