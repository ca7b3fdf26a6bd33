// shop/redact: forget a shop entirely.
import { eraseShopAssets } from "~/dam/erase.server";
import { deleteShopRows } from "./shop.db.server";

/**
 * Erases every row of the shop. Idempotent: running it twice, or for a shop we never saw, is a no-op.
 * Asset rows and files go first (DAM, issue #4).
 */
export async function eraseShop(shop: string): Promise<void> {
  await eraseShopAssets(shop);
  await deleteShopRows(shop);
}
