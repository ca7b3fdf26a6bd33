// Shop erase for the DAM: rows first (so nothing references a missing blob), then the shop's blobs.
import { deleteShopDamRows } from "./asset.db.server";
import { getStorage } from "./storage.server";

/** Deletes every asset row and file of the shop. Idempotent. */
export async function eraseShopAssets(shop: string): Promise<void> {
  await deleteShopDamRows(shop);
  const storage = getStorage();
  await storage.deletePrefix(`masters/${shop}`);
  await storage.deletePrefix(`renditions/${shop}`);
}
