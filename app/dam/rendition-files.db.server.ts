// Where a channel rendition's bytes are stored, for serving it from object storage (a CDN or presigned URL)
// instead of through the web process.
import db from "~/db.server";
import { NotFound } from "~/lib/errors";

/** The storage key and type of the shop's rendition `key`. Throws NotFound when the shop has no such rendition. */
export async function renditionFile(
  shop: string,
  key: string,
): Promise<{ storageKey: string; mime: string }> {
  const row = await db.rendition.findUnique({
    where: { shop_key: { shop, key } },
    select: { storageKey: true, mime: true },
  });
  if (!row) throw new NotFound(`rendition ${key} not found`);
  return row;
}
