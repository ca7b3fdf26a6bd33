// Saving a per-market gallery from the admin screen: the choice is stored, then the product's translation run is
// queued, which publishes it on Shopify (a market-specific translation of the variant's `$app.gallery`).
import { enqueue } from "~/jobs/enqueue.server";
import {
  setMarketGallery,
  type MarketGalleryInput,
} from "./market-galleries.db.server";

/**
 * Stores the variant's gallery for the market (or removes it when `assetIds` is empty) and queues
 * `product-translations.publish` (deduplicated per product). Idempotent. Throws as `setMarketGallery` does.
 */
export async function saveMarketGallery(
  shop: string,
  input: MarketGalleryInput,
): Promise<void> {
  await setMarketGallery(shop, input);
  await enqueue("product-translations.publish", {
    shop,
    productId: input.productId,
  });
}
