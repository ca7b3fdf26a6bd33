// Markets' catalogs and price lists as 2026-10 models them (https://shopify.dev/docs/apps/build/markets/build-catalog):
// a MarketCatalog belongs to one or more markets and may carry a PriceList; the price list has a currency, a parent
// adjustment (a percentage increase or decrease of the base price converted to its currency) and fixed prices per
// variant that override the adjustment. `ProductVariant.contextualPricing(context: { country })` answers the price a
// buyer in that country sees: the fixed price, else the converted and adjusted base price, in the market's currency.
import type { MarketRecord } from "./markets";
import type { ShopState, VariantRecord } from "./state";

export type AdjustmentType = "PERCENTAGE_DECREASE" | "PERCENTAGE_INCREASE";

export interface FixedPrice {
  price: string;
  compareAtPrice: string | null;
}

export interface PriceListRecord {
  id: string;
  name: string;
  currency: string;
  adjustment: { type: AdjustmentType; value: number };
  /** ADJUSTED: compare-at prices follow the adjustment; NULLIFY: relative prices have no compare-at price. */
  compareAtMode: "ADJUSTED" | "NULLIFY";
  /** Variant GID → its fixed price in the list's currency. */
  fixedPrices: Record<string, FixedPrice>;
  catalogId: string | null;
}

export interface CatalogRecord {
  id: string;
  title: string;
  status: "ACTIVE" | "ARCHIVED" | "DRAFT";
  marketIds: string[];
  priceListId: string | null;
}

/**
 * The emulator's exchange rates, units per EUR. Shopify converts with its own daily rates (or a market's manual
 * rate); fixed rates keep tests deterministic. Prices are converted without Shopify's optional rounding rules
 * (`roundingEnabled` answers false).
 */
const RATES: Record<string, number> = {
  EUR: 1,
  GBP: 0.85,
  USD: 1.1,
  CHF: 0.95,
  SEK: 11.5,
  DKK: 7.45,
  PLN: 4.3,
  JPY: 160,
  CAD: 1.5,
  AUD: 1.65,
};

export function knownCurrency(code: string): boolean {
  return code in RATES;
}

function convert(amount: number, from: string, to: string): number {
  if (from === to) return amount;
  return (amount / (RATES[from] ?? 1)) * (RATES[to] ?? 1);
}

const digits = (currency: string) =>
  new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
    .maximumFractionDigits ?? 2;

const money = (amount: number, currencyCode: string) => ({
  amount: amount.toFixed(digits(currencyCode)),
  currencyCode,
});

export type MoneyView = ReturnType<typeof money>;

/** The active market whose region includes the country, if any. */
export function marketForCountry(
  shop: ShopState,
  country: string,
): MarketRecord | undefined {
  return [...shop.markets.values()].find(
    (m) => m.status === "ACTIVE" && m.countries.includes(country),
  );
}

/** The market's price list: the first active catalog of the market that has one. */
export function marketPriceList(
  shop: ShopState,
  market: MarketRecord,
): PriceListRecord | undefined {
  for (const catalog of shop.catalogs.values()) {
    if (catalog.status !== "ACTIVE" || !catalog.marketIds.includes(market.id))
      continue;
    const list = catalog.priceListId
      ? shop.priceLists.get(catalog.priceListId)
      : undefined;
    if (list) return list;
  }
  return undefined;
}

/** A variant's price on a price list: fixed, else its base price converted to the list's currency and adjusted. */
export function priceListPrice(
  shop: ShopState,
  list: PriceListRecord,
  variant: VariantRecord,
): {
  price: MoneyView;
  compareAtPrice: MoneyView | null;
  originType: "FIXED" | "RELATIVE";
} {
  const fixed = list.fixedPrices[variant.id];
  if (fixed)
    return {
      price: money(Number(fixed.price), list.currency),
      compareAtPrice:
        fixed.compareAtPrice === null
          ? null
          : money(Number(fixed.compareAtPrice), list.currency),
      originType: "FIXED",
    };
  const factor =
    list.adjustment.type === "PERCENTAGE_INCREASE"
      ? 1 + list.adjustment.value / 100
      : 1 - list.adjustment.value / 100;
  const relative = (amount: string) =>
    money(
      convert(Number(amount), shop.info.currencyCode, list.currency) * factor,
      list.currency,
    );
  return {
    price: relative(variant.price),
    compareAtPrice:
      variant.compareAtPrice === null || list.compareAtMode === "NULLIFY"
        ? null
        : relative(variant.compareAtPrice),
    originType: "RELATIVE",
  };
}

/**
 * ProductVariant.contextualPricing for a country: the market's price list price, else the base price converted to
 * the market's currency; a country in no active market sees the base price in the shop's currency.
 */
export function contextualPrice(
  shop: ShopState,
  variant: VariantRecord,
  country: string | undefined,
): { price: MoneyView; compareAtPrice: MoneyView | null } {
  const market = country ? marketForCountry(shop, country) : undefined;
  const list = market ? marketPriceList(shop, market) : undefined;
  if (list) {
    const { price, compareAtPrice } = priceListPrice(shop, list, variant);
    return { price, compareAtPrice };
  }
  const currency = market?.currencyCode ?? shop.info.currencyCode;
  const base = shop.info.currencyCode;
  return {
    price: money(convert(Number(variant.price), base, currency), currency),
    compareAtPrice:
      variant.compareAtPrice === null
        ? null
        : money(
            convert(Number(variant.compareAtPrice), base, currency),
            currency,
          ),
  };
}

/**
 * Gives a market a catalog with a price list (what a merchant sets up under Markets → Catalogs), replacing the
 * catalogs it had. For seeds and tests; the Admin API way is catalogCreate + priceListCreate.
 */
export function setMarketPriceList(
  shop: ShopState,
  next: () => number,
  marketId: string,
  spec: {
    currency: string;
    adjustment?: PriceListRecord["adjustment"];
    fixedPrices?: Record<string, FixedPrice>;
  },
): PriceListRecord {
  const market = shop.markets.get(marketId);
  if (!market) throw new Error(`no market ${marketId}`);
  for (const catalog of [...shop.catalogs.values()])
    if (catalog.marketIds.includes(marketId)) {
      if (catalog.priceListId) shop.priceLists.delete(catalog.priceListId);
      shop.catalogs.delete(catalog.id);
    }
  const catalogId = `gid://shopify/MarketCatalog/${next()}`;
  const list: PriceListRecord = {
    id: `gid://shopify/PriceList/${next()}`,
    name: `${market.name} (${spec.currency})`,
    currency: spec.currency,
    adjustment: spec.adjustment ?? { type: "PERCENTAGE_DECREASE", value: 0 },
    compareAtMode: "ADJUSTED",
    fixedPrices: { ...spec.fixedPrices },
    catalogId,
  };
  shop.catalogs.set(catalogId, {
    id: catalogId,
    title: market.name,
    status: "ACTIVE",
    marketIds: [marketId],
    priceListId: list.id,
  });
  shop.priceLists.set(list.id, list);
  return list;
}
