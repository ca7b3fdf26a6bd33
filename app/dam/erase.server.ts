// Shop erase for the DAM: rows first (so nothing references a missing blob), then the shop's blobs.
import { deleteShopDamRows } from "./asset.db.server";
import { getStorage, shopFolders } from "./storage.server";

/** Deletes every asset row and file of the shop (masters, renditions, unfinished uploads). Idempotent. */
export async function eraseShopAssets(shop: string): Promise<void> {
  await deleteShopDamRows(shop);
  const storage = getStorage();
  for (const folder of shopFolders(shop)) await storage.deletePrefix(folder);
}
