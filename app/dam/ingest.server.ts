// Upload ingest: spool → detect type by content → validate and extract metadata → store the blob → one
// transaction for the rows. A refused file leaves nothing behind: no row, no blob, no temp file.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { Invalid } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import {
  createAssetWithVersion,
  createVersion,
  findHashCandidates,
  findVersionBySha,
  type VersionFacts,
} from "./asset.db.server";
import { detectType, pdfPageCount, type DetectedType } from "./detect.server";
import { gltfAsGlb } from "./gltf.server";
import { COLOURWAY_DISTANCE, colourDistance } from "./colour";
import { hashDistance, probeImage } from "./image-probe.server";
import { readEmbeddedMetadata } from "./metadata.server";
import { storeMasterBlob } from "./master-blob.server";
import { enqueueRenditions } from "./renditions.server";
import { withSpool, type Spooled, type UploadData } from "./spool.server";
import { sanitizeSvg } from "./svg.server";
import { richMediaFacts } from "./media-facts.server";
import { analyseSpin, isZipFile } from "./spin.server";

export { maxUploadBytes } from "./upload-limits";
export type { UploadData } from "./spool.server";

/** dHash distance at or under which two images are flagged as near-duplicates (see AssetPerceptualHashBand). */
export const NEAR_DUPLICATE_DISTANCE = 3;

/** A name safe to show and to use as a download name: no directories, no control characters. */
export function sanitizeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base
    .normalize("NFC")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, "")
    .replace(/^\.+/, "")
    .trim()
    .slice(0, 200);
  return clean || "upload";
}

function titleFrom(filename: string): string {
  return (
    filename
      .replace(/\.[^.]+$/, "")
      .replace(/[_-]+/g, " ")
      .trim() || filename
  );
}

interface Analysed {
  type: DetectedType;
  facts: Omit<VersionFacts, "storageKey">;
  /** Bytes to store instead of the spooled file (a sanitised SVG). */
  replacement?: Buffer;
  /** Removes what analysis stored (a spin's frames) when the rows cannot be written. */
  discard?: () => Promise<void>;
}

async function analyse(
  shop: string,
  spooled: Spooled,
  filename: string,
): Promise<Analysed> {
  // A ZIP is a 360° spin: frame 1 is the master, the frames are stored beside it (spin.server.ts). glTF JSON
  // with embedded data is packed into a GLB and ingested as that GLB (gltf.server.ts).
  if (await isZipFile(spooled.file))
    return analyseSpin(shop, spooled.file, filename);
  const glb = await gltfAsGlb(spooled.file, spooled.bytes);
  if (glb) {
    const packed = await withSpool(glb, (p) => analyse(shop, p, filename));
    return { ...packed, replacement: glb };
  }
  const type = await detectType(spooled.file);
  const base = {
    sha256: spooled.sha256,
    filename: withExtension(filename, type.extension),
    mime: type.mime,
    bytes: spooled.bytes,
    width: null,
    height: null,
    colorSpace: null,
    hasAlpha: null,
    exifOrientation: null,
    durationMs: null,
    pageCount: null,
    metadata: {},
    dominantColor: null,
    thumbhash: null,
    phash: null,
  };
  if (type.mime === "image/svg+xml") {
    const clean = await sanitizeSvg(await readFile(spooled.file));
    const probe = await probeImage(clean);
    return {
      type,
      replacement: clean,
      facts: {
        ...base,
        ...imageFacts(probe),
        sha256: createHash("sha256").update(clean).digest("hex"),
        bytes: clean.length,
      },
    };
  }
  if (type.kind === "IMAGE") {
    const probe = await probeImage(spooled.file).catch((error: unknown) => {
      // Prebuilt sharp reads HEIF containers (AVIF) but not HEVC-coded HEIC: say so instead of "damaged".
      if (type.mime === "image/heic" || type.mime === "image/heif")
        throw new Invalid(
          "HEIC images cannot be read by this server; export them as JPEG",
          {},
          { cause: error },
        );
      throw error;
    });
    const metadata = await readEmbeddedMetadata(spooled.file);
    return { type, facts: { ...base, ...imageFacts(probe), metadata } };
  }
  if (type.kind === "VIDEO" || type.kind === "MODEL_3D")
    return {
      type,
      facts: { ...base, ...(await richMediaFacts(spooled.file, type)) },
    };
  if (type.kind === "DOCUMENT")
    return {
      type,
      facts: { ...base, pageCount: pdfPageCount(await readFile(spooled.file)) },
    };
  return { type, facts: base };
}

function imageFacts(probe: Awaited<ReturnType<typeof probeImage>>) {
  return {
    width: probe.width,
    height: probe.height,
    colorSpace: probe.colorSpace,
    hasAlpha: probe.hasAlpha,
    exifOrientation: probe.exifOrientation,
    dominantColor: probe.dominantColor,
    thumbhash: probe.thumbhash,
    phash: probe.phash,
  };
}

/** The name keeps what the user called it, with the extension the content really has. */
function withExtension(filename: string, extension: string): string {
  const stem = filename.replace(/\.[^.]*$/, "");
  const current = filename.slice(stem.length + 1).toLowerCase();
  const same =
    current === extension ||
    (extension === "jpg" && current === "jpeg") ||
    (extension === "tif" && current === "tiff");
  return same ? filename : `${stem || "upload"}.${extension}`;
}

/**
 * Another asset of the shop whose image is this one (a copy, re-encoded or resized): same shape (dHash within
 * NEAR_DUPLICATE_DISTANCE) and same subject colour. Colourways of one packshot share the shape, not the colour.
 */
async function nearDuplicateOf(
  shop: string,
  facts: { phash: string | null; dominantColor: string | null },
  exceptAssetId?: string,
) {
  const { phash, dominantColor } = facts;
  if (!phash) return null;
  const candidates = await findHashCandidates(shop, phash);
  const match = candidates.find(
    (c) =>
      c.assetId !== exceptAssetId &&
      c.phash &&
      hashDistance(c.phash, phash) <= NEAR_DUPLICATE_DISTANCE &&
      !(
        dominantColor &&
        c.dominantColor &&
        colourDistance(dominantColor, c.dominantColor) > COLOURWAY_DISTANCE
      ),
  );
  return match?.assetId ?? null;
}

export interface UploadInput {
  shop: string;
  filename: string;
  data: UploadData;
  /** Who uploads: shown in the audit trail and the "uploaded by" filter. */
  actor: string;
}

export type IngestResult =
  | {
      asset: Awaited<ReturnType<typeof createAssetWithVersion>>["asset"];
      version: Awaited<ReturnType<typeof createAssetWithVersion>>["version"];
      nearDuplicateOf: string | null;
    }
  | {
      duplicateOf: NonNullable<
        Awaited<ReturnType<typeof findVersionBySha>>
      >["asset"];
    };

/**
 * Ingests one upload as a new draft asset. Returns `{ duplicateOf }` without storing anything when the shop
 * already has these exact bytes. Throws `Invalid` for refused files (type, size, damage, pixel bomb) and leaves
 * no row and no blob behind. Thumbnails are rendered later by the worker.
 */
export async function ingestUpload(input: UploadInput): Promise<IngestResult> {
  const filename = sanitizeFilename(input.filename);
  return withSpool(input.data, async (spooled) => {
    const existing = await findVersionBySha(input.shop, spooled.sha256);
    if (existing) return { duplicateOf: existing.asset };
    const analysed = await analyse(input.shop, spooled, filename);
    if (analysed.replacement) {
      const same = await findVersionBySha(input.shop, analysed.facts.sha256);
      if (same) return { duplicateOf: same.asset };
    }
    const nearDuplicate = await nearDuplicateOf(input.shop, analysed.facts);
    const created = await withStoredBlob(input.shop, analysed, spooled, (key) =>
      createAssetWithVersion({
        shop: input.shop,
        title: titleFrom(analysed.facts.filename),
        kind: analysed.type.kind,
        actor: input.actor,
        facts: { ...analysed.facts, storageKey: key },
        nearDuplicateOfId: nearDuplicate,
      }),
    );
    return { ...created, nearDuplicateOf: nearDuplicate };
  });
}

/**
 * Uploads a new version of an existing asset (a draft until approved). Throws NotFound for another shop's
 * asset, Conflict for an archived one and Invalid for refused files.
 */
export async function addVersion(input: UploadInput & { assetId: string }) {
  const filename = sanitizeFilename(input.filename);
  return withSpool(input.data, async (spooled) => {
    const analysed = await analyse(input.shop, spooled, filename);
    return withStoredBlob(input.shop, analysed, spooled, (key) =>
      createVersion({
        shop: input.shop,
        assetId: input.assetId,
        actor: input.actor,
        facts: { ...analysed.facts, storageKey: key },
      }),
    );
  });
}

/**
 * Stores the master, then runs `commit` (the rows' transaction); removes the blob again when `commit` fails unless
 * another upload committed the same bytes (master-blob.server.ts), then queues the renditions.
 */
async function withStoredBlob<
  T extends { version: { id: string; assetId: string } },
>(
  shop: string,
  analysed: Analysed,
  spooled: Spooled,
  commit: (storageKey: string) => Promise<T>,
): Promise<T> {
  const blob = await storeMasterBlob(
    shop,
    analysed.facts.sha256,
    () => analysed.replacement ?? createReadStream(spooled.file),
  );
  let created: T;
  try {
    created = await commit(blob.key);
  } catch (error) {
    await blob.undo();
    await analysed.discard?.();
    throw error;
  }
  await blob.committed();
  await enqueueAfterCommit(shop, created.version);
  return created;
}

// The rows are committed: a Redis outage must not turn a stored upload into an error. The asset shows its
// placeholder until `dam.renditions` runs; `dam.renditions-missing` (queue-all) enqueues it again later.
async function enqueueAfterCommit(
  shop: string,
  version: { id: string; assetId: string },
) {
  try {
    await enqueueRenditions(shop, version.assetId, version.id);
  } catch (error) {
    logger.warn(
      { err: error, shop, versionId: version.id },
      "renditions not enqueued",
    );
  }
}
