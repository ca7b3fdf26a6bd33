// One Shopify file per asset, holding the rendition of the asset's current version. Every step is checked
// against what Shopify shows, so a lost answer, a crash or a failed processing never leaves a wrong belief:
// - a file is recorded as holding a version only once Shopify shows it READY with that rendition's byte size;
//   a file whose size then changes was replaced by someone else (drift) and is replaced again;
// - a replacement whose answer was lost is recognised (the new rendition's size is there) instead of sent twice;
// - a creation whose answer was lost is found by its name (`vitrine-{assetId}-…`) before another is created.
import { withLock } from "~/sync/locks.server";
import { Invalid, Upstream } from "~/lib/errors";
import type { AdminClient } from "~/shopify/admin-client.server";
import { renditionBytes } from "../renditions.server";
import { fileIsCurrent } from "./compare";
import { storefrontRendition } from "./rendition.server";
import {
  createFiles,
  deleteFiles,
  stageUpload,
  updateFiles,
  waitForFiles,
} from "./shopify-media.server";
import {
  adoptFileRow,
  createFileRow,
  deleteFileRow,
  findFileRow,
  getFileRow,
  markReplacementSent,
  recordFileHolds,
  type FileRow,
} from "./files.db.server";
import { ensureMediaFile, isMediaVersion } from "./media-files.server";
import { findFiles, readFiles } from "./shopify-reads.server";

/** The name prefix of every file Vitrine creates: how the reconciler recognises its own files. */
export const FILE_PREFIX = "vitrine-";
export const filePrefixOf = (assetId: string) =>
  `${FILE_PREFIX}${assetId.toLowerCase()}-`;

/** The name Vitrine gives the asset's Shopify file (its prefix is how a lost creation is found again). */
export const fileNameOf = (assetId: string, title: string, extension: string) =>
  `${filePrefixOf(assetId)}${slug(title)}.${extension}`;

function slug(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[^\w\s-]/g, "")
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, "-")
      .slice(0, 60) || "image"
  );
}

const extensionOfUrl = (url: string | null) =>
  /\.([a-z0-9]+)(?:\?|$)/i.exec(url ?? "")?.[1]?.toLowerCase() ?? null;

export interface AssetFileTarget {
  assetId: string;
  versionId: string;
  title: string;
  alt: string;
}

/** Reads the file again once READY and records what it holds; throws when Shopify shows other content. */
async function confirm(
  client: AdminClient,
  row: FileRow,
  target: AssetFileTarget,
  expectedSize: number,
): Promise<void> {
  const [state] = await waitForFiles(client, [row.fileGid]);
  if (state?.status === "FAILED") {
    // Shopify could not process it: a failed file cannot be updated, so it is replaced by a new one.
    await deleteFiles(client, [row.fileGid]).catch(() => undefined);
    await deleteFileRow(row.id);
    throw new Upstream(
      `Shopify could not process the image (${state.error ?? "failed"}); uploading it again`,
      true,
    );
  }
  const observed = (await readFiles(client, [row.fileGid])).get(row.fileGid)!;
  if (observed.status !== "READY" || observed.fileSize !== expectedSize)
    throw new Upstream(
      `Shopify does not show the new image yet (${observed.status}, ${observed.fileSize ?? "?"} bytes)`,
      true,
    );
  await recordFileHolds(row.id, {
    versionId: target.versionId,
    fileSize: observed.fileSize,
    fileUpdatedAt: observed.updatedAt,
    alt: observed.alt,
    url: observed.url,
  });
}

/** A file of ours whose creation answer was lost (Shopify created it; we never recorded it). */
async function adoptLostFile(
  shop: string,
  client: AdminClient,
  target: AssetFileTarget,
): Promise<FileRow | null> {
  const found = await findFiles(client, filePrefixOf(target.assetId), 50);
  const usable = found.filter((f) => f.status !== "FAILED");
  const keep = usable[usable.length - 1];
  // Older copies (several lost answers) and failed ones are removed.
  const extra = found.filter((f) => f.id !== keep?.id).map((f) => f.id);
  if (extra.length) await deleteFiles(client, extra).catch(() => undefined);
  if (!keep) return null;
  return adoptFileRow(
    shop,
    target.assetId,
    keep.id,
    extensionOfUrl(keep.url) ?? "jpg",
    target.versionId,
  );
}

/**
 * Makes the asset's Shopify file hold the rendition of `target.versionId` with `target.alt`, READY. Idempotent
 * and safe after any crash or lost answer (see the module comment). Serialised per asset across processes.
 * Throws `Upstream` (retryable) while Shopify is not there yet, `Invalid` when Shopify refuses the image.
 */
export async function ensureAssetFile(
  shop: string,
  client: AdminClient,
  target: AssetFileTarget,
): Promise<FileRow> {
  // Videos and 3D models are published as themselves, by create → re-point → delete (media-files.server.ts).
  if (await isMediaVersion(shop, target.versionId))
    return ensureMediaFile(shop, client, target);
  return withLock(
    `asset-file:${shop}:${target.assetId}`,
    async () => {
      let row = await findFileRow(shop, target.assetId);
      let observed = row
        ? (await readFiles(client, [row.fileGid])).get(row.fileGid)
        : undefined;
      if (row && observed?.status === "MISSING") {
        // Deleted in Shopify (by the merchant or an earlier failed processing): create it again.
        await deleteFileRow(row.id);
        row = null;
        observed = undefined;
      }
      if (row && fileIsCurrent(target, row, observed)) return row;
      if (!row) {
        row = await adoptLostFile(shop, client, target);
        observed = row
          ? (await readFiles(client, [row.fileGid])).get(row.fileGid)
          : undefined;
      }
      const rendition = await storefrontRendition(shop, target.assetId);
      if (!rendition || rendition.versionId !== target.versionId)
        throw new Upstream("the asset changed while syncing; retrying", true);
      if (!rendition.preflight.passed)
        throw new Invalid("the image does not pass the storefront's rules");

      if (row && observed?.status === "FAILED") {
        await deleteFiles(client, [row.fileGid]).catch(() => undefined);
        await deleteFileRow(row.id);
        row = null;
      }
      if (row && observed && observed.status !== "READY") {
        // Still processing a change we sent (or adopted): wait, then check what it holds.
        await confirm(client, row, target, rendition.bytes);
        return getFileRow(row.id);
      }
      if (
        row &&
        observed &&
        row.pendingVersionId === target.versionId &&
        observed.fileSize === rendition.bytes
      ) {
        // Our replacement (or creation) went through although its answer was lost.
        await confirm(client, row, target, rendition.bytes);
        return getFileRow(row.id);
      }
      if (
        row &&
        observed &&
        row.versionId === target.versionId &&
        observed.fileSize === row.fileSize &&
        observed.status === "READY"
      ) {
        // Same content, only the alt text differs.
        await updateFiles(client, [{ id: row.fileGid, alt: target.alt }]);
        await confirm(client, row, target, rendition.bytes);
        return getFileRow(row.id);
      }

      const resourceUrl = await stageUpload(client, {
        filename: fileNameOf(target.assetId, target.title, rendition.extension),
        mimeType: rendition.mime,
        bytes: await renditionBytes(rendition),
      });
      if (row) {
        // In place: the same file, every product and variant keeps pointing at it.
        row = await markReplacementSent(row.id, target.versionId);
        await updateFiles(client, [
          { id: row.fileGid, originalSource: resourceUrl, alt: target.alt },
        ]);
      } else {
        const filename = fileNameOf(
          target.assetId,
          target.title,
          rendition.extension,
        );
        const [fileGid] = await createFiles(client, [
          { resourceUrl, filename, alt: target.alt },
        ]);
        if (!fileGid) throw new Upstream("Shopify created no file", true);
        row = await createFileRow({
          shop,
          assetId: target.assetId,
          fileGid,
          extension: rendition.extension,
          pendingVersionId: target.versionId,
        });
      }
      await confirm(client, row, target, rendition.bytes);
      return getFileRow(row.id);
    },
    { ttlMs: 30_000, waitMs: 180_000 },
  );
}
