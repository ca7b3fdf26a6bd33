// Go-live on the marketplace in batch (issue #14): once the gate lifts, every released product's listings are
// sent active in batch requests of up to 1,000 SKUs (marketplace-batch.server.ts) instead of one PATCH per SKU
// from each pair run. The pair runs that follow still read each product's listings back before calling it live;
// they find them current and send nothing. If the batch fails, the pair runs send what is missing themselves.
import { logger } from "~/lib/logger.server";
import { recordChannelItem } from "~/sync/channels/channel-items.db.server";
import { shopChannels } from "~/sync/channels/channels.db.server";
import {
  listingDigest,
  marketplaceDesired,
} from "~/sync/channels/marketplace-adapter.server";
import { patchListings } from "~/sync/channels/marketplace-batch.server";
import type { Listing } from "~/sync/channels/marketplace.server";

/** Products whose desired listings are computed at once (database reads only). */
const CONCURRENCY = 8;

/**
 * Sends the active listings of `productIds` in batch. Idempotent (a listing is keyed by SKU and revision). Never
 * throws: a failure is logged and left to the pair runs. Returns how many listings were sent.
 */
export async function activateListingsInBatch(
  shop: string,
  productIds: readonly string[],
): Promise<number> {
  const { marketplace } = await shopChannels(shop);
  if (!marketplace.enabled || !marketplace.endpoint || productIds.length === 0)
    return 0;
  const revision = Date.now();
  const listings: Listing[] = [];
  try {
    const queue = [...productIds];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let id = queue.shift(); id; id = queue.shift()) {
          const desired = await marketplaceDesired(shop, id);
          if (!desired.active) continue;
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
    return listings.length;
  } catch (error) {
    logger.warn(
      { shop, err: error, listings: listings.length },
      "marketplace go-live batch failed; the pair runs send the listings",
    );
    return 0;
  }
}
