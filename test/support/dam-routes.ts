// The DAM route tests' two shops (rows and offline sessions) with one draft asset uploaded to the first, in a
// temporary storage directory; and an upload as the streaming multipart route receives it.
import db from "~/db.server";
import { ingestUpload } from "~/dam/ingest.server";
import { photo, useTempStorageDir } from "./dam";
import { embeddedFetchRequest, storeOfflineSession } from "./shopify";

export const shopA = "route-a.myshopify.com";
export const shopB = "route-b.myshopify.com";

/** Shop A's draft asset is "a-secret.jpg", the photo of seed 1. */
export async function seedDamRouteShops() {
  const dir = await useTempStorageDir();
  await db.shop.createMany({ data: [{ shop: shopA }, { shop: shopB }] });
  await storeOfflineSession(shopA);
  await storeOfflineSession(shopB);
  const result = await ingestUpload({
    shop: shopA,
    filename: "a-secret.jpg",
    data: await photo({ seed: 1 }),
    actor: "user:1",
  });
  if (!("asset" in result)) throw new Error("duplicate");
  return { dir, assetId: result.asset.id, versionId: result.version.id };
}

/** A multipart POST of one file to /app/assets/upload (`query` e.g. "?assetId=…" for a new version). */
export async function uploadRequest(
  shop: string,
  file: Buffer,
  name: string,
  query = "",
) {
  const body = new FormData();
  body.append("file", new Blob([new Uint8Array(file)]), name);
  return embeddedFetchRequest(`/app/assets/upload${query}`, shop, {
    method: "POST",
    body,
  });
}
