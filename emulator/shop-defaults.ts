// What every Shopify shop has from the start: its languages, its sales channels' publications, markets and a
// web presence.
import { addDefaultMarkets } from "./markets";
import { addDefaultPublications, publishEverywhere } from "./publications";
import { emptyShop, type ShopInfo, type ShopState } from "./state";

/** Every new shop's languages: English (primary) and French, published. */
const defaultLocales = (): ShopState["info"]["locales"] => [
  { locale: "en", primary: true, published: true },
  { locale: "fr", primary: false, published: true },
];

/**
 * Gives a shop what every Shopify shop has. Snapshots saved before these were modelled get them too, with their
 * ACTIVE products published everywhere (as the merchant's existing catalogue would be). Idempotent.
 */
export function ensureShopDefaults(shop: ShopState, next: () => number): void {
  // Shopify never answers `shopLocales: []`: a shop always has its primary locale. Snapshots saved before
  // locales were modelled get the demo shop's English and published French.
  if (!shop.info.locales?.length) shop.info.locales = defaultLocales();
  const hadPublications = shop.publications.size > 0;
  addDefaultPublications(shop, next);
  addDefaultMarkets(shop, next);
  if (hadPublications) return;
  for (const product of shop.products.values())
    if (product.publications === undefined && product.status === "ACTIVE")
      publishEverywhere(shop, product, product.createdAt);
}

/** A new shop as Shopify creates it: its name from the domain unless given, EUR, Paris, and every default above. */
export function newShop(
  domain: string,
  info: Partial<Omit<ShopInfo, "domain">>,
  next: () => number,
): ShopState {
  const name = domain.replace(/\.myshopify\.com$/, "");
  const shop = emptyShop({
    domain,
    name:
      info.name ??
      name.replace(/-/g, " ").replace(/\b\w/g, (c) => c.toUpperCase()),
    currencyCode: info.currencyCode ?? "EUR",
    ianaTimezone: info.ianaTimezone ?? "Europe/Paris",
    planDisplayName: info.planDisplayName ?? "Shopify",
    shopifyPlus: info.shopifyPlus ?? false,
    locales: info.locales ?? defaultLocales(),
  });
  ensureShopDefaults(shop, next);
  return shop;
}
