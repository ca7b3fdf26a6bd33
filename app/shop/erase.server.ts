// shop/redact: forget a shop entirely.
import { deleteShopRows } from "./shop.db.server";

/**
 * Erases every row of the shop. Idempotent: running it twice, or for a shop we never saw, is a no-op.
 * Asset files join this when the DAM lands (issue #4).
 */
export async function eraseShop(shop: string): Promise<void> {
  await deleteShopRows(shop);
}
