// The master blob of an upload. Blobs are content-addressed per shop (storage/keys.ts `masterKey`), so two uploads
// of the same bytes, even to two assets, share one blob: an upload that fails after storing it must not remove a
// blob another upload committed a version for, and an upload that commits must not end up pointing at a blob a
// failing one removed meanwhile. Both sides check the database after the storage step:
// - the failing upload removes the blob only when no version references it, and puts it back if one appeared while
//   it was removing it;
// - the committing upload checks, after its transaction, that the blob is there, and puts it back if not.
// Whatever the interleaving, one of the two sees the other's step, so a committed version's blob always exists.
import type { Readable } from "node:stream";
import { isBlobReferenced } from "./asset.db.server";
import { getStorage, masterKey } from "./storage.server";

export interface StoredBlob {
  key: string;
  /** After the version row is committed: makes sure the blob is (still) stored. Idempotent. */
  committed(): Promise<void>;
  /** After the version row failed: removes the blob unless a version of the shop references it. Idempotent. */
  undo(): Promise<void>;
}

/**
 * Stores the master of `sha256` for `shop` from `source` (called again if the blob must be put back), unless
 * it is already stored.
 */
export async function storeMasterBlob(
  shop: string,
  sha256: string,
  source: () => Buffer | Readable,
): Promise<StoredBlob> {
  const storage = getStorage();
  const key = masterKey(shop, sha256);
  if (!(await storage.has(key))) await storage.put(key, source());
  return {
    key,
    committed: async () => {
      if (!(await storage.has(key))) await storage.put(key, source());
    },
    undo: async () => {
      if (await isBlobReferenced(shop, key)) return;
      await storage.delete(key);
      if (await isBlobReferenced(shop, key)) await storage.put(key, source());
    },
  };
}
