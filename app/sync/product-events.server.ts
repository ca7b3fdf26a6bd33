// Shopify told us a product changed (products/create|update, after the mirror refresh). Mirrored fields that
// changed (status, title, prices…) change what every channel should show: each of the product's channels is
// converged again. A change outside the mirror (a media item deleted, a variant image swapped in the Shopify
// admin) is read back on the storefront soon, unless it is the echo of our own write (not newer than what our
// last read saw).
import { enqueuePairs } from "./pair-jobs.server";
import {
  checkNow,
  pairsOfShopifyProduct,
  storefrontStateOf,
} from "./pair-queries.db.server";
import { markDirty } from "./pair-state.db.server";

/** The mirror of the product changed: every channel the product is on converges again. */
export async function productChangedInShopify(
  shop: string,
  productGid: string,
): Promise<number> {
  const states = await pairsOfShopifyProduct(shop, productGid);
  if (states.length === 0) return 0;
  return enqueuePairs(await markDirty(shop, states));
}

/** Something outside the mirror may have changed: read the storefront back now unless it is our own echo. */
export async function productTouchedInShopify(
  shop: string,
  productGid: string,
  updatedAt: Date | null,
): Promise<boolean> {
  const state = await storefrontStateOf(shop, productGid);
  if (!state) return false;
  if (
    updatedAt &&
    state.observedUpdatedAt &&
    updatedAt.getTime() <= state.observedUpdatedAt.getTime()
  )
    return false;
  if (state.status === "PENDING" || state.status === "SYNCING") return false;
  await checkNow(shop, state.productId, "SHOPIFY_STOREFRONT");
  await enqueuePairs([
    {
      shop,
      productId: state.productId,
      channel: "SHOPIFY_STOREFRONT",
      seq: state.jobSeq,
    },
  ]);
  return true;
}
