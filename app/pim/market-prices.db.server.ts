// Prisma access for per-market prices: the shop's markets (countries, currency) and each variant's price there, in
// minor units. Written by pim/market-prices.server.ts, read by the per-country Google feeds.
import db from "~/db.server";
import type { Money } from "~/lib/money";

export interface StoredMarket {
  marketId: string;
  name: string;
  countries: string[];
  currency: string;
  /** No price list and the shop's currency: no prices stored, the feeds show the base price. */
  followsBase: boolean;
}

export interface MarketPriceRow {
  variantGid: string;
  amount: number;
  compareAtAmount: number | null;
  currency: string;
}

const countriesOf = (json: unknown): string[] =>
  Array.isArray(json) ? json.filter((c) => typeof c === "string") : [];

/** The shop's markets as last read. */
export async function storedMarkets(shop: string): Promise<StoredMarket[]> {
  const rows = await db.shopMarket.findMany({
    where: { shop },
    orderBy: { name: "asc" },
  });
  return rows.map((r) => ({
    marketId: r.marketId,
    name: r.name,
    countries: countriesOf(r.countries),
    currency: r.currency,
    followsBase: r.followsBase,
  }));
}

/** Replaces the shop's markets; a market that is gone takes its prices with it. Idempotent. */
export async function replaceMarkets(
  shop: string,
  markets: StoredMarket[],
): Promise<void> {
  const ids = markets.map((m) => m.marketId);
  await db.$transaction([
    db.marketPrice.deleteMany({ where: { shop, marketId: { notIn: ids } } }),
    db.shopMarket.deleteMany({ where: { shop, marketId: { notIn: ids } } }),
    ...markets.map((m) =>
      db.shopMarket.upsert({
        where: { shop_marketId: { shop, marketId: m.marketId } },
        create: { shop, ...m },
        update: {
          name: m.name,
          countries: m.countries,
          currency: m.currency,
          followsBase: m.followsBase,
        },
      }),
    ),
  ]);
}

/**
 * Stores one page of a market's prices (variants not in the mirror are skipped). Replaces each variant's row.
 * Returns how many were stored.
 */
export async function saveMarketPrices(
  shop: string,
  marketId: string,
  prices: MarketPriceRow[],
): Promise<number> {
  const variants = await db.variant.findMany({
    where: { shop, shopifyId: { in: prices.map((p) => p.variantGid) } },
    select: { id: true, shopifyId: true },
  });
  const ids = new Map(variants.map((v) => [v.shopifyId, v.id]));
  const rows = prices.flatMap((p) => {
    const variantId = ids.get(p.variantGid);
    return variantId
      ? [
          {
            shop,
            marketId,
            variantId,
            amount: p.amount,
            compareAtAmount: p.compareAtAmount,
            currency: p.currency,
          },
        ]
      : [];
  });
  await db.$transaction([
    db.marketPrice.deleteMany({
      where: { shop, marketId, variantId: { in: [...ids.values()] } },
    }),
    db.marketPrice.createMany({ data: rows }),
  ]);
  return rows.length;
}

/** After a shop-wide read: drops the market's rows that read did not write (variants gone since). */
export async function finishMarketPrices(
  shop: string,
  marketId: string,
  startedAt: Date,
): Promise<void> {
  await db.$transaction([
    db.marketPrice.deleteMany({
      where: { shop, marketId, updatedAt: { lt: startedAt } },
    }),
    db.shopMarket.update({
      where: { shop_marketId: { shop, marketId } },
      data: { pricesSyncedAt: new Date() },
    }),
  ]);
}

export interface VariantMarketPrice {
  price: Money;
  compareAtPrice: Money | null;
}

/**
 * The prices buyers in a country see, by our variant id: those of the market whose region includes the country.
 * Empty when no stored market covers it (the feed then shows the base price).
 */
export async function pricesForCountry(
  shop: string,
  country: string,
): Promise<Map<string, VariantMarketPrice>> {
  const market = (await storedMarkets(shop)).find((m) =>
    m.countries.includes(country),
  );
  if (!market) return new Map();
  const rows = await db.marketPrice.findMany({
    where: { shop, marketId: market.marketId },
    select: {
      variantId: true,
      amount: true,
      compareAtAmount: true,
      currency: true,
    },
  });
  return new Map(
    rows.map((r) => [
      r.variantId,
      {
        price: { amount: r.amount, currency: r.currency },
        compareAtPrice:
          r.compareAtAmount === null
            ? null
            : { amount: r.compareAtAmount, currency: r.currency },
      },
    ]),
  );
}
