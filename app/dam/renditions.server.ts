// Library renditions (grid thumbnail, page preview) of a version, rendered by the worker from the stored master
// and stored next to it by content hash, so re-running the job or restoring an old version costs nothing.
import { enqueue } from "~/jobs/enqueue.server";
import { Invalid, NotFound } from "~/lib/errors";
import { requireVersion } from "./asset.db.server";
import {
  LIBRARY_RENDITIONS,
  renderRendition,
  type LibraryRendition,
} from "./image.server";
import {
  recordRenditions,
  versionsWithoutRenditions,
} from "./renditions.db.server";
import { MediaToolMissing } from "./ffmpeg.server";
import { ensureVideoPreview, hasStill, stillOf } from "./stills.server";
import { renditionStoragePath } from "./rendition-keys";
import { getStorage } from "./storage.server";

/** Queues `dam.renditions` for a version; idempotent per version (one job per version id: jobs/job-ids.ts). */
export async function enqueueRenditions(
  shop: string,
  assetId: string,
  versionId: string,
) {
  await enqueue("dam.renditions", { shop, assetId, versionId });
}

/** Where a library rendition of a master lives. Library renditions are always WebP. */
export function libraryRenditionKey(
  shop: string,
  sha256: string,
  name: LibraryRendition,
): string {
  return renditionStoragePath(
    shop,
    sha256,
    name,
    LIBRARY_RENDITIONS[name].format,
  );
}

/**
 * Renders and stores the library renditions of an image version, then marks the version ready. Idempotent.
 * A video renders from its poster frame (and gets a muted preview clip), a 3D model from its generated card
 * (stills.server.ts); PDFs are marked ready at once (the UI shows a type icon). Throws NotFound for another shop's
 * version; an image that cannot be decoded is recorded on the version and not retried.
 */
export async function renderVersionRenditions(
  shop: string,
  assetId: string,
  versionId: string,
) {
  const version = await requireVersion(shop, assetId, versionId);
  if (!hasStill(version.mime)) {
    await recordRenditions(shop, version.id, null);
    return { rendered: 0 };
  }
  const storage = getStorage();
  const missing: LibraryRendition[] = [];
  for (const name of Object.keys(LIBRARY_RENDITIONS) as LibraryRendition[])
    if (!(await storage.has(libraryRenditionKey(shop, version.sha256, name))))
      missing.push(name);
  if (missing.length) {
    let master: Buffer;
    try {
      // A video's poster frame, a 3D model's card, an image itself (stills.server.ts).
      master = (await stillOf(shop, version))!.bytes;
      if (version.mime.startsWith("video/"))
        await ensureVideoPreview(shop, version);
    } catch (error) {
      // Without ffmpeg a retry cannot help: recorded on the version like a refused file.
      const refused =
        error instanceof MediaToolMissing ? new Invalid(error.message) : error;
      if (refused instanceof Invalid)
        await recordRenditions(shop, version.id, refused.message);
      throw refused;
    }
    // The renditions of one master render side by side (libuv runs them on separate threads), so the CPU keeps
    // working while another one is being written to storage.
    try {
      await Promise.all(
        missing.map(async (name) => {
          const rendition = await renderRendition(
            master,
            LIBRARY_RENDITIONS[name],
          );
          await storage.put(
            libraryRenditionKey(shop, version.sha256, name),
            rendition.data,
          );
        }),
      );
    } catch (error) {
      if (error instanceof Invalid)
        await recordRenditions(shop, version.id, error.message);
      throw error;
    }
  }
  // Shop erase deletes rows, then files. Checking for the version after writing closes the race with it: if the
  // version is still there, our files were written before the erase deleted rows, so its file sweep removes
  // them; if it is gone, the erase (or a delete) may have swept already, and we remove what we wrote.
  if (missing.length && !(await versionExists(shop, assetId, versionId))) {
    for (const name of missing)
      await storage.delete(libraryRenditionKey(shop, version.sha256, name));
    return { rendered: 0 };
  }
  const rendered = missing.length;
  await recordRenditions(shop, version.id, null);
  return { rendered };
}

async function versionExists(
  shop: string,
  assetId: string,
  versionId: string,
): Promise<boolean> {
  try {
    await requireVersion(shop, assetId, versionId);
    return true;
  } catch (error) {
    if (error instanceof NotFound) return false;
    throw error;
  }
}

/**
 * Queue-all: enqueues `dam.renditions` for every version still without renditions (e.g. uploaded while Redis was
 * unreachable). Idempotent: the per-version job id makes a second enqueue a no-op.
 */
export async function enqueueMissingRenditions(
  pageSize = 500,
): Promise<number> {
  let after: string | null = null;
  let count = 0;
  for (;;) {
    const page = await versionsWithoutRenditions(after, pageSize);
    for (const v of page) await enqueueRenditions(v.shop, v.assetId, v.id);
    count += page.length;
    if (page.length < pageSize) return count;
    after = page.at(-1)!.id;
  }
}
