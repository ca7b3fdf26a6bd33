// Go-live on the marketplace in batch (issue #14): once the gate lifts, every released product's listings are
// sent active in batch requests of up to 1,000 SKUs (marketplace-batch.server.ts) instead of one PATCH per SKU
// from each pair run, then read back in batch (GETs of up to 250 SKUs): a product whose every listing the
// marketplace shows as sent is observed live from that read, without waiting for its pair run. The pair runs that
// follow read each product's listings back again; they find them current and send nothing. If the batch fails,
// the pair runs send what is missing themselves, and the launch calls those products live from their reads.
import { logger } from "~/lib/logger.server";
import { recordChannelItem } from "~/sync/channels/channel-items.db.server";
import { shopChannels } from "~/sync/channels/channels.db.server";
import {
  listingDigest,
  marketplaceDesired,
} from "~/sync/channels/marketplace-adapter.server";
import {
  patchListings,
  readListings,
} from "~/sync/channels/marketplace-batch.server";
import type { Listing } from "~/sync/channels/marketplace.server";

/** Products whose desired listings are computed at once (database reads only). */
const CONCURRENCY = 8;

export interface MarketplaceGoLive {
  /** Listings sent. */
  sent: number;
  /** Products whose every listing was read back as sent, with when it was read. */
  shown: Map<string, Date>;
}

/**
 * Sends the active listings of `productIds` in batch and reads them back. Idempotent (a listing is keyed by SKU
 * and revision). Never throws: a failure is logged and left to the pair runs.
 */
export async function activateListingsInBatch(
  shop: string,
  productIds: readonly string[],
): Promise<MarketplaceGoLive> {
  const none = { sent: 0, shown: new Map<string, Date>() };
  const { marketplace } = await shopChannels(shop);
  if (!marketplace.enabled || !marketplace.endpoint || productIds.length === 0)
    return none;
  const revision = Date.now();
  const listings: Listing[] = [];
  const byProduct = new Map<string, Listing[]>();
  try {
    const queue = [...productIds];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let id = queue.shift(); id; id = queue.shift()) {
          const desired = await marketplaceDesired(shop, id);
          if (!desired.active || desired.listings.size === 0) continue;
          byProduct.set(
            id,
            [...desired.listings.values()].map((l) => ({ ...l, revision })),
          );
          for (const listing of desired.listings.values()) {
            // Recorded before sending, as the pair run does: a SKU we may have listed is one we check later.
            await recordChannelItem(
              shop,
              "MARKETPLACE",
              id,
              listing.sku,
              listingDigest(listing),
            );
            listings.push({ ...listing, revision });
          }
        }
      }),
    );
    await patchListings(marketplace.endpoint, listings);
    const seen = await readListings(
      marketplace.endpoint,
      listings.map((l) => l.sku),
    );
    const readAt = new Date();
    const shown = new Map<string, Date>();
    for (const [id, sent] of byProduct)
      if (
        sent.every((l) => {
          const view = seen.get(l.sku);
          return view && listingDigest(view) === listingDigest(l);
        })
      )
        shown.set(id, readAt);
    return { sent: listings.length, shown };
  } catch (error) {
    logger.warn(
      { shop, err: error, listings: listings.length },
      "marketplace go-live batch failed; the pair runs send the listings",
    );
    return none;
  }
}
