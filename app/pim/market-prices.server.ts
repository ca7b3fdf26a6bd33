// Per-market prices (issue #15): what buyers in each of the shop's markets pay for each variant, read from
// Shopify's contextual pricing and kept for the per-country Google feeds. Shop-wide after each catalogue import
// (install, the daily reconcile: price list edits send no webhook), one product's after its products/update.
import type { AdminClient } from "~/shopify/admin-client.server";
import { shopBucket, shopRestoreRate } from "~/shopify/throttle-bucket.server";
import { toMoney } from "~/lib/money";
import {
  finishMarketPrices,
  replaceMarkets,
  saveMarketPrices,
  storedMarkets,
  type StoredMarket,
} from "./market-prices.db.server";
import {
  readActiveMarkets,
  readVariantPrices,
} from "./market-prices-shopify.server";

/**
 * Share of the shop's Admin API restore rate the shop-wide read may spend: it runs in the background for minutes
 * and must leave the sync engine's pushes (an image replaced, live in seconds) the rest of the bucket.
 */
export const MARKET_PRICES_SHARE = 0.5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The bucket level under which the shop-wide read waits: a burst of pushes (an image replaced on a dozen products
 * takes ~1,800 points at once) drains the bucket, and the background read must not take the refill from it.
 */
export const MARKET_PRICES_BUCKET_FLOOR = 0.75;

/**
 * Waits until the points spent since `since` fit in MARKET_PRICES_SHARE of the restore rate, and until the shop's
 * bucket is back above MARKET_PRICES_BUCKET_FLOOR (the sync engine's pushes go first).
 */
async function pace(
  shop: string,
  client: AdminClient,
  since: { points: number; at: number },
): Promise<void> {
  const spent = client.stats.pointsUsed - since.points;
  const rate = (await shopRestoreRate(shop)) * MARKET_PRICES_SHARE;
  const wait = (spent / rate) * 1000 - (Date.now() - since.at);
  if (wait > 0) await sleep(wait);
  for (;;) {
    const bucket = await shopBucket(shop);
    const missing =
      bucket.maximumAvailable * MARKET_PRICES_BUCKET_FLOOR -
      bucket.currentlyAvailable;
    if (missing <= 0) return;
    await sleep(Math.ceil((missing / bucket.restoreRate) * 1000));
  }
}

async function readMarket(
  shop: string,
  client: AdminClient,
  market: StoredMarket,
  scope: { productGid?: string; paced: boolean },
): Promise<number> {
  let stored = 0;
  let since = { points: client.stats.pointsUsed, at: Date.now() };
  const beforeNextPage = async () => {
    await pace(shop, client, since);
    since = { points: client.stats.pointsUsed, at: Date.now() };
  };
  for await (const page of readVariantPrices(client, market.countries[0]!, {
    productGid: scope.productGid,
    beforeNextPage: scope.paced ? beforeNextPage : undefined,
  }))
    stored += await saveMarketPrices(
      shop,
      market.marketId,
      page.map((p) => ({
        variantGid: p.variantGid,
        amount: toMoney(p.price, p.currency).amount,
        compareAtAmount:
          p.compareAtPrice === null
            ? null
            : toMoney(p.compareAtPrice, p.currency).amount,
        currency: p.currency,
      })),
    );
  return stored;
}

/**
 * Reads the shop's markets and every variant's price in each market with a price list or another currency,
 * replacing what was stored. Idempotent. Costs one paged read of the variants per such market (100 a page),
 * paced to MARKET_PRICES_SHARE of the restore rate.
 * Throws `Upstream` when Shopify fails.
 */
export async function syncMarketPrices(
  shop: string,
  client: AdminClient,
): Promise<{ markets: number; prices: number }> {
  const markets = await readActiveMarkets(client);
  await replaceMarkets(shop, markets);
  let prices = 0;
  for (const market of markets) {
    const startedAt = new Date();
    // Base prices need no read: the feeds fall back to them (and finishing drops what was stored before).
    if (!market.followsBase)
      prices += await readMarket(shop, client, market, { paced: true });
    await finishMarketPrices(shop, market.marketId, startedAt);
  }
  return { markets: markets.length, prices };
}

/**
 * One product's prices in the markets last read (none before the first shop-wide read), after its base prices
 * may have changed. Idempotent. Throws `Upstream` when Shopify fails.
 */
export async function syncProductMarketPrices(
  shop: string,
  client: AdminClient,
  productGid: string,
): Promise<number> {
  let prices = 0;
  for (const market of await storedMarkets(shop))
    if (!market.followsBase)
      prices += await readMarket(shop, client, market, {
        productGid,
        paced: false,
      });
  return prices;
}
