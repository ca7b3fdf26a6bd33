// markets / market, webPresences, ShopLocale.marketWebPresences and shopLocaleEnable / Update / Disable.
// A new locale starts unpublished ("published: Whether the locale is visible to buyers"); the primary locale can
// be neither unpublished nor disabled. Disabling a locale leaves its translations stored (Shopify does not
// document deleting them) but the storefront stops serving it.
import { connection, recordsOf, type ConnectionArgs } from "../connection";
import {
  countryName,
  presencesForLocale,
  rootUrls,
  type MarketRecord,
  type WebPresenceRecord,
} from "../markets";
import { matchesSearch, parseSearch } from "../search";
import { parseGid } from "../state";
import {
  userError,
  type Args,
  type ResolverContext,
  type ResolverMap,
} from "./context";

type LocaleRecord = ResolverContext["shop"]["info"]["locales"][number];

const localeView = (ctx: ResolverContext, locale: string): LocaleRecord =>
  ctx.shop.info.locales.find((l) => l.locale === locale) ?? {
    locale,
    primary: false,
    published: false,
  };

const LOCALE_FORMAT = /^[a-z]{2,3}(-[A-Z]{2}|-[A-Za-z]{4})?$/;

function setPresences(
  ctx: ResolverContext,
  locale: string,
  ids: string[] | null | undefined,
): string | null {
  if (!ids) return null;
  const unknown = ids.find((id) => !ctx.shop.webPresences.has(id));
  if (unknown) return `Web presence ${unknown} does not exist.`;
  for (const presence of ctx.shop.webPresences.values()) {
    const wanted = ids.includes(presence.id);
    const has = presence.alternateLocales.includes(locale);
    if (wanted && !has && presence.defaultLocale !== locale)
      presence.alternateLocales.push(locale);
    if (!wanted && has)
      presence.alternateLocales = presence.alternateLocales.filter(
        (l) => l !== locale,
      );
  }
  return null;
}

export const marketResolvers: ResolverMap = {
  QueryRoot: {
    markets: (_root, args, ctx) => {
      const query = parseSearch(args.query as string | undefined);
      const list = [...ctx.shop.markets.values()]
        .filter((m) => !args.type || m.type === args.type)
        .filter((m) =>
          matchesSearch(m, query, (market, field) =>
            field === null || field === "name"
              ? market.name
              : field === "status"
                ? market.status
                : field === "market_type"
                  ? market.type
                  : null,
          ),
        )
        .sort((a, b) => a.name.localeCompare(b.name));
      return connection(list, args as ConnectionArgs, ctx.bulk);
    },
    market: (_root, args, ctx) =>
      ctx.shop.markets.get(args.id as string) ?? null,
    webPresences: (_root, args, ctx) =>
      connection(
        [...ctx.shop.webPresences.values()],
        args as ConnectionArgs,
        ctx.bulk,
      ),
  },
  Mutation: {
    shopLocaleEnable: (_root, args: Args, ctx) => {
      const locale = args.locale as string;
      if (!LOCALE_FORMAT.test(locale))
        return {
          shopLocale: null,
          userErrors: [
            userError(["locale"], `${locale} is not a valid locale.`),
          ],
        };
      if (!ctx.shop.info.locales.some((l) => l.locale === locale))
        ctx.shop.info.locales.push({
          locale,
          primary: false,
          published: false,
        });
      const error = setPresences(
        ctx,
        locale,
        args.marketWebPresenceIds as string[] | undefined,
      );
      if (error)
        return {
          shopLocale: null,
          userErrors: [userError(["marketWebPresenceIds"], error)],
        };
      return { shopLocale: localeView(ctx, locale), userErrors: [] };
    },
    shopLocaleUpdate: (_root, args: Args, ctx) => {
      const locale = args.locale as string;
      const record = ctx.shop.info.locales.find((l) => l.locale === locale);
      if (!record)
        return {
          shopLocale: null,
          userErrors: [
            userError(["locale"], `Locale ${locale} is not enabled.`),
          ],
        };
      const input = args.shopLocale as {
        published?: boolean | null;
        marketWebPresenceIds?: string[] | null;
      };
      if (record.primary && input.published === false)
        return {
          shopLocale: null,
          userErrors: [
            userError(
              ["shopLocale", "published"],
              "The primary locale can't be unpublished.",
            ),
          ],
        };
      const error = setPresences(ctx, locale, input.marketWebPresenceIds);
      if (error)
        return {
          shopLocale: null,
          userErrors: [
            userError(["shopLocale", "marketWebPresenceIds"], error),
          ],
        };
      if (typeof input.published === "boolean")
        record.published = input.published;
      return { shopLocale: record, userErrors: [] };
    },
    shopLocaleDisable: (_root, args: Args, ctx) => {
      const locale = args.locale as string;
      const record = ctx.shop.info.locales.find((l) => l.locale === locale);
      if (!record)
        return {
          locale: null,
          userErrors: [
            userError(["locale"], `Locale ${locale} is not enabled.`),
          ],
        };
      if (record.primary)
        return {
          locale: null,
          userErrors: [
            userError(["locale"], "The primary locale can't be disabled."),
          ],
        };
      ctx.shop.info.locales = ctx.shop.info.locales.filter(
        (l) => l.locale !== locale,
      );
      setPresences(ctx, locale, []);
      return { locale, userErrors: [] };
    },
  },
  ShopLocale: {
    marketWebPresences: (locale: LocaleRecord, _args, ctx) =>
      presencesForLocale(ctx.shop, locale.locale),
  },
  Market: {
    enabled: (m: MarketRecord) => m.status === "ACTIVE",
    primary: () => false,
    webPresences: (m: MarketRecord, args, ctx) =>
      connection(
        recordsOf(m.webPresenceIds, ctx.shop.webPresences),
        args as ConnectionArgs,
        ctx.bulk,
      ),
    webPresence: (m: MarketRecord, _args, ctx) =>
      ctx.shop.webPresences.get(m.webPresenceIds[0] ?? "") ?? null,
    currencySettings: (m: MarketRecord) => ({
      baseCurrency: {
        currencyCode: m.currencyCode,
        currencyName: m.currencyCode,
        enabled: true,
        rateUpdatedAt: null,
      },
      localCurrencies: false,
      // The emulator converts without Shopify's rounding rules (emulator/price-lists.ts).
      roundingEnabled: false,
    }),
    conditions: (m: MarketRecord) => ({
      conditionTypes: ["REGION"],
      regionsCondition: { applicationLevel: "SPECIFIED", market: m },
      companyLocationsCondition: null,
      locationsCondition: null,
      channelsCondition: null,
    }),
  },
  RegionsCondition: {
    regions: (condition: { market: MarketRecord }, args) =>
      connection(
        condition.market.countries.map((code) => ({
          id: `gid://shopify/MarketRegionCountry/${parseGid(condition.market.id)!.id}${code.charCodeAt(0)}${code.charCodeAt(1)}`,
          code,
          name: countryName(code),
          currency: {
            currencyCode: condition.market.currencyCode,
            currencyName: condition.market.currencyCode,
            enabled: true,
            rateUpdatedAt: null,
          },
        })),
        args as ConnectionArgs,
      ),
  },
  MarketWebPresence: {
    defaultLocale: (w: WebPresenceRecord, _args, ctx) =>
      localeView(ctx, w.defaultLocale),
    alternateLocales: (w: WebPresenceRecord, _args, ctx) =>
      w.alternateLocales.map((l) => localeView(ctx, l)),
    rootUrls: (w: WebPresenceRecord, _args, ctx) => rootUrls(ctx.domain, w),
    // Every emulated web presence is on the primary (myshopify) domain.
    domain: (w: WebPresenceRecord, _args, ctx) => ({
      id: `gid://shopify/Domain/${ctx.emulator.shopNumber(ctx.domain)}`,
      host: ctx.domain,
      url: `https://${ctx.domain}`,
      sslEnabled: true,
      marketWebPresence: w,
    }),
    markets: (w: WebPresenceRecord, args, ctx) =>
      connection(
        recordsOf(w.marketIds, ctx.shop.markets),
        args as ConnectionArgs,
        ctx.bulk,
      ),
    market: (w: WebPresenceRecord, _args, ctx) =>
      ctx.shop.markets.get(w.marketIds[0] ?? "") ?? null,
  },
};
