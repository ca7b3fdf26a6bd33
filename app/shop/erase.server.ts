// shop/redact: forget a shop entirely.
import { eraseShopAssets } from "~/dam/erase.server";
import { removeQueuedShopJobs } from "~/jobs/shop-jobs.server";
import { deleteShopRows } from "./shop.db.server";

/**
 * Erases every row of the shop. Idempotent: running it twice, or for a shop we never saw, is a no-op.
 * The shop's queued jobs are removed first (none may run later and recreate what is erased), then asset rows
 * and files (DAM, issue #4), then every other row.
 */
export async function eraseShop(shop: string): Promise<void> {
  await removeQueuedShopJobs(shop);
  await eraseShopAssets(shop);
  await deleteShopRows(shop);
}
