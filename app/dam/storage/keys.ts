// Storage keys: relative, slash-separated, never climbing out of their folder. Masters and renditions are
// content-addressed (the same bytes get the same key) and filed per shop, so erasing a shop is a prefix delete.
import { Invalid } from "~/lib/errors";

const keyPattern = /^[a-z0-9][a-z0-9._/-]*$/i;

/** Returns `key` if it is a valid storage key; throws Invalid otherwise. */
export function checkKey(key: string): string {
  if (
    !keyPattern.test(key) ||
    key.split("/").some((part) => part === ".." || part === "")
  )
    throw new Invalid(`bad storage key: ${key}`);
  return key;
}

/** Key of an asset master: per shop, by SHA-256 (so erasing a shop never touches another shop's files). */
export function masterKey(shop: string, sha256: string): string {
  return checkKey(`masters/${shop}/${sha256.slice(0, 2)}/${sha256}`);
}

/** Key of a browser upload waiting to be verified (direct uploads to object storage). */
export function stagedUploadKey(shop: string, id: string): string {
  return checkKey(`uploads/${shop}/${id}`);
}

/** Key of a spreadsheet waiting for (or read by) its import on the worker. */
export function spreadsheetKey(shop: string, id: string): string {
  return checkKey(`imports/${shop}/${id}`);
}

/** The top-level folders that hold a shop's blobs: all of them go when the shop is erased. */
export function shopFolders(shop: string): string[] {
  return [
    `masters/${shop}`,
    `renditions/${shop}`,
    `uploads/${shop}`,
    `imports/${shop}`,
  ];
}
