// Videos and 3D models in Shopify (issue #15). Shopify's 2026-10 fileUpdate takes only the alt text and product
// references of a Video or Model3d ("Only the alt text and product references of videos and 3D models can be
// updated"): no new originalSource. So a new version is published as a NEW file: staged upload (form POST) →
// fileCreate VIDEO / MODEL_3D → wait for READY → re-point (attach the new file to every linked product) → delete
// the old file. The master goes as uploaded: Shopify transcodes videos and serves the GLB itself.
// A lost fileCreate answer is recovered by finding the version's file by name (`vitrine-{assetId}-{slug}-v{n}.`);
// a crash after it leaves an unrecorded `vitrine-{assetId}-…` file that the orphan sweep removes after
// SYNC_ORPHAN_GRACE_MS if no later run adopts it.
import { getStorage } from "~/dam/storage.server";
import { withLock } from "~/sync/locks.server";
import { Invalid, Upstream } from "~/lib/errors";
import type { AdminClient } from "~/shopify/admin-client.server";
import { fileIsCurrent } from "./compare";
import {
  createFileRow,
  deleteFileRow,
  findFileRow,
  getFileRow,
  recordFileHolds,
  type FileRow,
} from "./files.db.server";
import { linkedProductGids, mediaMasterOf } from "./media-files.db.server";
import {
  createFiles,
  deleteFiles,
  stageUpload,
  updateFiles,
  waitForFiles,
} from "./shopify-media.server";
import { findFiles, readFiles } from "./shopify-reads.server";

export interface MediaFileTarget {
  assetId: string;
  versionId: string;
  title: string;
  alt: string;
}

const slug = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-")
    .slice(0, 50) || "media";

/** Whether the asset's current version is a video or a 3D model (published by ensureMediaFile). */
export async function isMediaVersion(
  shop: string,
  versionId: string,
): Promise<boolean> {
  return (await mediaMasterOf(shop, versionId)) !== null;
}

async function recordObserved(
  client: AdminClient,
  row: FileRow,
  versionId: string,
): Promise<FileRow> {
  const observed = (await readFiles(client, [row.fileGid])).get(row.fileGid)!;
  if (observed.status !== "READY")
    throw new Upstream(`Shopify shows the file ${observed.status}`, true);
  await recordFileHolds(row.id, {
    versionId,
    fileSize: observed.fileSize,
    fileUpdatedAt: observed.updatedAt,
    alt: observed.alt,
    url: observed.url,
  });
  return getFileRow(row.id);
}

async function createMediaFile(
  client: AdminClient,
  master: NonNullable<Awaited<ReturnType<typeof mediaMasterOf>>>,
  filename: string,
  alt: string,
): Promise<string> {
  const resourceUrl = await stageUpload(client, {
    filename,
    mimeType: master.mime,
    bytes: await getStorage().get(master.storageKey),
    resource: master.kind,
  });
  const [fileGid] = await createFiles(client, [
    { resourceUrl, filename, alt, contentType: master.kind },
  ]);
  if (!fileGid) throw new Upstream("Shopify created no file", true);
  return fileGid;
}

/**
 * Makes the asset's Shopify file a READY Video / Model3d holding `target.versionId`'s master with `target.alt`.
 * Idempotent; serialised per asset with the image path's lock. Throws `Upstream` (retryable) while Shopify is
 * processing, `Invalid` when Shopify refuses the file (its media error is in the message).
 */
export async function ensureMediaFile(
  shop: string,
  client: AdminClient,
  target: MediaFileTarget,
): Promise<FileRow> {
  return withLock(
    `asset-file:${shop}:${target.assetId}`,
    async () => {
      const master = await mediaMasterOf(shop, target.versionId);
      if (!master) throw new Invalid("not a video or 3D model");
      let row = await findFileRow(shop, target.assetId);
      const observed = row
        ? (await readFiles(client, [row.fileGid])).get(row.fileGid)
        : undefined;
      if (row && fileIsCurrent(target, row, observed)) return row;
      if (
        row &&
        observed?.status === "READY" &&
        row.versionId === target.versionId
      ) {
        // Same content, only the alt text differs: the one change Shopify allows in place.
        await updateFiles(client, [{ id: row.fileGid, alt: target.alt }]);
        return recordObserved(client, row, target.versionId);
      }
      if (row && observed && row.pendingVersionId === target.versionId) {
        // Created by an earlier run that did not see it READY: wait for it.
        await waitForFiles(client, [row.fileGid], 300_000);
        return recordObserved(client, row, target.versionId);
      }

      const extension = master.filename.split(".").pop() ?? "bin";
      const stem = `vitrine-${target.assetId.toLowerCase()}-${slug(target.title)}-v${master.number}`;
      // This version's file from a run whose fileCreate answer was lost: use it rather than create a second.
      const lost = (await findFiles(client, `${stem}.`, 10)).find(
        (f) => f.id !== row?.fileGid,
      );
      const fileGid =
        lost?.id ??
        (await createMediaFile(
          client,
          master,
          `${stem}.${extension}`,
          target.alt,
        ));
      const [state] = await waitForFiles(client, [fileGid], 300_000);
      if (state?.status === "FAILED") {
        await deleteFiles(client, [fileGid]).catch(() => undefined);
        throw new Invalid(
          `Shopify could not process the ${master.kind === "VIDEO" ? "video" : "3D model"}: ${state.error ?? "failed"}`,
        );
      }
      const previous =
        row && observed?.status !== "MISSING" ? row.fileGid : null;
      if (previous) {
        // Re-point before the old file goes, so the products never show neither.
        const products = await linkedProductGids(shop, target.assetId);
        if (products.length)
          await updateFiles(client, [
            { id: fileGid, referencesToAdd: products },
          ]);
      }
      if (row) await deleteFileRow(row.id);
      row = await createFileRow({
        shop,
        assetId: target.assetId,
        fileGid,
        extension,
        pendingVersionId: target.versionId,
      });
      if (previous)
        await deleteFiles(client, [previous]).catch(() => undefined);
      return recordObserved(client, row, target.versionId);
    },
    { ttlMs: 30_000, waitMs: 300_000 },
  );
}
