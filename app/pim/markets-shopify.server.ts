// The shop's markets, read from Shopify for the per-market gallery screen (markets are Shopify's, Vitrine keeps
// no copy of them).
import type { AdminClient } from "~/shopify/admin-client.server";

const SHOP_MARKETS = `#graphql
  query ShopMarkets {
    markets(first: 50) {
      nodes {
        id
        name
        handle
      }
    }
  }
`;

export interface ShopMarket {
  id: string;
  name: string;
  handle: string;
}

/** The shop's markets (at most 50, Shopify's own order). One Admin API read. */
export async function shopMarkets(client: AdminClient): Promise<ShopMarket[]> {
  const data = await client.request(SHOP_MARKETS);
  return data.markets.nodes.map((m) => ({
    id: m.id,
    name: m.name,
    handle: m.handle,
  }));
}
