// What a buyer in each market pays, read from Shopify: the shop's markets (region countries, currency) and, per
// market, every variant's `contextualPricing(context: { country })` — the market's price list (a fixed price, else
// the base price converted and adjusted) as Shopify resolves it, so Vitrine never re-implements exchange rates,
// rounding or adjustments. One country stands for its market: a market's countries share its catalogs' price list.
import type { AdminClient } from "~/shopify/admin-client.server";
import type {
  MarketsForPricesQuery,
  MarketVariantPricesQuery,
} from "~/types/admin.generated";
import type { CountryCode } from "~/types/admin.types";

// regions(first: 250) multiplies the requested cost by the page of markets: one market a page keeps it near 270,
// a fraction of any shop's bucket (3 a page asked 810: more than a small bucket holds, so it was never answered).
// A market's catalogs say whether it has a price list: without one, in the shop's currency, prices are the base.
const MARKETS_FOR_PRICES = `#graphql
  query MarketsForPrices($after: String) {
    shop {
      currencyCode
    }
    markets(first: 1, after: $after) {
      nodes {
        id
        name
        status
        catalogs(first: 5) {
          nodes {
            priceList {
              id
            }
          }
        }
        currencySettings {
          baseCurrency {
            currencyCode
          }
        }
        conditions {
          regionsCondition {
            regions(first: 250) {
              nodes {
                ... on MarketRegionCountry {
                  code
                }
              }
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

// 100 variants a page: four objects each (variant, pricing, two MoneyV2) keep a page near 400 points.
const MARKET_VARIANT_PRICES = `#graphql
  query MarketVariantPrices(
    $country: CountryCode!
    $after: String
    $query: String
  ) {
    productVariants(first: 100, after: $after, query: $query) {
      nodes {
        id
        contextualPricing(context: { country: $country }) {
          price {
            amount
            currencyCode
          }
          compareAtPrice {
            amount
            currencyCode
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export interface ShopifyMarket {
  marketId: string;
  name: string;
  countries: string[];
  currency: string;
  /** No price list and the shop's currency: Shopify answers the base price there. */
  followsBase: boolean;
}

export interface ShopifyVariantPrice {
  variantGid: string;
  price: string;
  compareAtPrice: string | null;
  currency: string;
}

/** The shop's active markets that have countries (a region market), every page. Reads only. */
export async function readActiveMarkets(
  client: AdminClient,
): Promise<ShopifyMarket[]> {
  const markets: ShopifyMarket[] = [];
  let after: string | null = null;
  for (;;) {
    const data: MarketsForPricesQuery = await client.request(
      MARKETS_FOR_PRICES,
      { after },
    );
    const page = data.markets;
    for (const m of page.nodes) {
      const countries = (m.conditions?.regionsCondition?.regions.nodes ?? [])
        .map((r) => ("code" in r ? r.code : null))
        .filter((c): c is CountryCode => !!c);
      const currency = m.currencySettings?.baseCurrency.currencyCode;
      const priceList = m.catalogs.nodes.some((c) => c.priceList);
      if (m.status === "ACTIVE" && countries.length && currency)
        markets.push({
          marketId: m.id,
          name: m.name,
          countries,
          currency,
          followsBase: !priceList && currency === data.shop.currencyCode,
        });
    }
    if (!page.pageInfo.hasNextPage) return markets;
    after = page.pageInfo.endCursor ?? null;
  }
}

/**
 * Every variant's price for buyers in `country` (one product's when `productGid` is given), page by page.
 * Throws `Upstream` when Shopify fails.
 */
export async function* readVariantPrices(
  client: AdminClient,
  country: string,
  options: {
    productGid?: string;
    /** Awaited before each page after the first (pacing). */
    beforeNextPage?: () => Promise<void>;
  } = {},
): AsyncGenerator<ShopifyVariantPrice[]> {
  const { productGid, beforeNextPage } = options;
  const productId = productGid?.split("/").pop();
  let after: string | null = null;
  for (;;) {
    const page: MarketVariantPricesQuery["productVariants"] = (
      await client.request(MARKET_VARIANT_PRICES, {
        country: country as CountryCode,
        after,
        query: productId ? `product_id:${productId}` : null,
      })
    ).productVariants;
    yield page.nodes.map((v) => ({
      variantGid: v.id,
      price: v.contextualPricing.price.amount as string,
      compareAtPrice:
        (v.contextualPricing.compareAtPrice?.amount as string | undefined) ??
        null,
      currency: v.contextualPricing.price.currencyCode,
    }));
    if (!page.pageInfo.hasNextPage) return;
    after = page.pageInfo.endCursor ?? null;
    await beforeNextPage?.();
  }
}
