// Go-live on the marketplace in batch (issue #14): once the gate lifts, the released products' listings are sent
// active in rounds of ROUND products (~1,000 SKUs: one `listings:batch` request, marketplace-batch.server.ts),
// each round built from a few queries (loadChannelInputsMany) and its SKUs recorded in one transaction, then read
// back in batch GETs. A product whose every listing the marketplace shows as sent is observed live from that
// read — nothing is called live from what was sent — and reported round by round, so the launch page counts
// them as they land. A product with a listing the marketplace refused is reported with the SKUs named; its pair
// run, which follows for every product, sends it again and is what marks it live or failed. A round whose
// request fails is logged and left to the pair runs.
import { logger } from "~/lib/logger.server";
import { recordChannelItems } from "~/sync/channels/channel-items.db.server";
import { shopChannels } from "~/sync/channels/channels.db.server";
import {
  listingDigest,
  marketplaceDesiredMany,
} from "~/sync/channels/marketplace-adapter.server";
import {
  readListings,
  refusedWords,
  sendListings,
} from "~/sync/channels/marketplace-batch.server";
import type { Listing } from "~/sync/channels/marketplace.server";
import { chunks } from "~/lib/chunks";

/** Products per round: five SKUs each make one batch request of ~1,000 entries. */
export const ROUND = 200;

export interface MarketplaceRound {
  /** Products whose every listing was read back as sent, with when it was read. */
  shown: Map<string, Date>;
  /** Products with a listing the marketplace refused, with the SKUs named. */
  refused: Map<string, string>;
}

export interface MarketplaceGoLive {
  /** Listings sent. */
  sent: number;
  /** Products observed live (every round's `shown`). */
  shown: number;
  /** Products with a refused listing (every round's `refused`). */
  refused: number;
}

/** One round: build, record, send and read back the listings of `productIds`. Throws when a request fails. */
async function activateRound(
  shop: string,
  endpoint: NonNullable<
    Awaited<ReturnType<typeof shopChannels>>["marketplace"]["endpoint"]
  >,
  productIds: readonly string[],
  revision: number,
): Promise<MarketplaceRound & { sent: number; ms: Record<string, number> }> {
  const t0 = Date.now();
  const byProduct = new Map<string, Listing[]>();
  for (const [id, desired] of await marketplaceDesiredMany(shop, productIds))
    if (desired.active && desired.listings.size > 0)
      byProduct.set(
        id,
        [...desired.listings.values()].map((l) => ({ ...l, revision })),
      );
  const listings = [...byProduct.values()].flat();
  const t1 = Date.now();
  // Recorded before sending, as the pair run does: a SKU we may have listed is one we check later.
  await recordChannelItems(
    shop,
    "MARKETPLACE",
    [...byProduct].flatMap(([productId, sent]) =>
      sent.map((l) => ({ productId, itemId: l.sku, digest: listingDigest(l) })),
    ),
  );
  const t2 = Date.now();
  const outcome = await sendListings(endpoint, listings);
  const t3 = Date.now();
  const seen = await readListings(
    endpoint,
    listings.map((l) => l.sku),
  );
  const readAt = new Date();
  const shown = new Map<string, Date>();
  const refused = new Map<string, string>();
  for (const [id, sent] of byProduct) {
    const theirs = new Map(
      sent.flatMap((l) => {
        const why = outcome.refused.get(l.sku);
        return why ? [[l.sku, why] as const] : [];
      }),
    );
    if (theirs.size) refused.set(id, refusedWords(theirs));
    else if (
      sent.every((l) => {
        const view = seen.get(l.sku);
        return view && listingDigest(view) === listingDigest(l);
      })
    )
      shown.set(id, readAt);
  }
  return {
    sent: listings.length,
    shown,
    refused,
    ms: {
      build: t1 - t0,
      record: t2 - t1,
      send: t3 - t2,
      read: Date.now() - t3,
    },
  };
}

/**
 * Sends the active listings of `productIds` in rounds and reads them back; `report` is called after each round
 * with what was observed. Idempotent (a listing is keyed by SKU and revision). Never throws: a failed round is
 * logged and left to the pair runs.
 */
export async function activateListingsInBatch(
  shop: string,
  productIds: readonly string[],
  report: (round: MarketplaceRound) => Promise<void>,
): Promise<MarketplaceGoLive> {
  const total = { sent: 0, shown: 0, refused: 0 };
  const { marketplace } = await shopChannels(shop);
  if (!marketplace.enabled || !marketplace.endpoint) return total;
  // Monotonic per SKU across products and processes: the marketplace keeps the highest revision it has seen.
  const revision = Date.now();
  for (const ids of chunks(productIds, ROUND)) {
    try {
      const round = await activateRound(
        shop,
        marketplace.endpoint,
        ids,
        revision,
      );
      await report(round);
      total.sent += round.sent;
      total.shown += round.shown.size;
      total.refused += round.refused.size;
      logger.info(
        {
          shop,
          products: ids.length,
          sent: round.sent,
          shown: round.shown.size,
          refused: round.refused.size,
          ms: round.ms,
        },
        "marketplace go-live round",
      );
    } catch (error) {
      logger.warn(
        { shop, err: error, products: ids.length },
        "marketplace go-live round failed; the pair runs send its listings",
      );
    }
  }
  return total;
}
