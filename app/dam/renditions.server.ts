// Library renditions (grid thumbnail, page preview) of a version, rendered by the worker from the stored master
// and stored next to it by content hash, so re-running the job or restoring an old version costs nothing.
import { enqueue } from "~/jobs/enqueue.server";
import { Invalid } from "~/lib/errors";
import { recordRenditions, requireVersion } from "./asset.db.server";
import {
  LIBRARY_RENDITIONS,
  renderRendition,
  type LibraryRendition,
} from "./image.server";
import { getStorage, renditionKey } from "./storage.server";

/** Queues `dam.renditions` for a version; idempotent per version (the job id is the version id). */
export async function enqueueRenditions(
  shop: string,
  assetId: string,
  versionId: string,
) {
  await enqueue(
    "dam.renditions",
    { shop, assetId, versionId },
    { jobId: `dam-renditions-${versionId}` },
  );
}

/** Where a library rendition of a master lives. Library renditions are always WebP. */
export function libraryRenditionKey(
  shop: string,
  sha256: string,
  name: LibraryRendition,
): string {
  return renditionKey(shop, sha256, name, LIBRARY_RENDITIONS[name].format);
}

/**
 * Renders and stores the library renditions of an image version, then marks the version ready. Idempotent.
 * Non-image versions are marked ready at once (the UI shows a type icon). Throws NotFound for another shop's
 * version; an image that cannot be decoded is recorded on the version and not retried.
 */
export async function renderVersionRenditions(
  shop: string,
  assetId: string,
  versionId: string,
) {
  const version = await requireVersion(shop, assetId, versionId);
  if (!version.mime.startsWith("image/")) {
    await recordRenditions(shop, version.id, null);
    return { rendered: 0 };
  }
  const storage = getStorage();
  let master: Buffer | undefined;
  let rendered = 0;
  for (const name of Object.keys(LIBRARY_RENDITIONS) as LibraryRendition[]) {
    const key = libraryRenditionKey(shop, version.sha256, name);
    if (await storage.has(key)) continue;
    master ??= await storage.get(version.storageKey);
    try {
      const rendition = await renderRendition(master, LIBRARY_RENDITIONS[name]);
      await storage.put(key, rendition.data);
      rendered++;
    } catch (error) {
      if (error instanceof Invalid) {
        await recordRenditions(shop, version.id, error.message);
      }
      throw error;
    }
  }
  await recordRenditions(shop, version.id, null);
  return { rendered };
}
