// Upload ingest: spool → detect type by content → validate and extract metadata → store the blob → one
// transaction for the rows. A refused file leaves nothing behind: no row, no blob, no temp file.
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { env } from "~/env.server";
import { Invalid, TooLarge } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import {
  createAssetWithVersion,
  createVersion,
  findHashCandidates,
  findVersionBySha,
  type VersionFacts,
} from "./asset.db.server";
import { detectType, pdfPageCount, type DetectedType } from "./detect.server";
import { COLOURWAY_DISTANCE, colourDistance } from "./colour";
import { hashDistance, probeImage } from "./image.server";
import { readEmbeddedMetadata } from "./metadata.server";
import { enqueueRenditions } from "./renditions.server";
import { getStorage, masterKey } from "./storage.server";
import { sanitizeSvg } from "./svg.server";
import { maxUploadBytes } from "./upload-limits";
import { richMediaFacts } from "./media-facts.server";
import { analyseSpin, isZipFile } from "./spin.server";

export { maxUploadBytes } from "./upload-limits";

/** dHash distance at or under which two images are flagged as near-duplicates (see AssetPerceptualHashBand). */
export const NEAR_DUPLICATE_DISTANCE = 3;

export type UploadData = Buffer | Readable | AsyncIterable<Uint8Array>;

interface Spooled {
  file: string;
  sha256: string;
  bytes: number;
}

/** Writes the upload to a temp file, hashing and counting as it goes; refuses it past the size limit. */
async function spool(data: UploadData): Promise<Spooled> {
  const dir = path.resolve(env().STORAGE_DIR, "tmp");
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `upload-${randomBytes(8).toString("hex")}`);
  const hash = createHash("sha256");
  const limit = maxUploadBytes();
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > limit) {
        done(
          new TooLarge(
            `the file is larger than the ${Math.round(limit / 1024 / 1024)} MB limit`,
          ),
        );
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const source = Buffer.isBuffer(data)
    ? Readable.from([data])
    : Readable.from(data);
  try {
    await pipeline(source, meter, createWriteStream(file));
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
  if (bytes === 0) {
    await rm(file, { force: true });
    throw new Invalid("the file is empty");
  }
  return { file, sha256: hash.digest("hex"), bytes };
}

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
  // A ZIP is a 360° spin: frame 1 is the master, the frames are stored beside it (spin.server.ts).
  if (await isZipFile(spooled.file))
    return analyseSpin(shop, spooled.file, filename);
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

/** Stores the blob; returns a function that removes it again if this call created it. */
async function storeBlob(shop: string, analysed: Analysed, spooled: Spooled) {
  const storage = getStorage();
  const key = masterKey(shop, analysed.facts.sha256);
  const existed = await storage.has(key);
  if (!existed)
    await storage.put(
      key,
      analysed.replacement ?? createReadStream(spooled.file),
    );
  return {
    key,
    undo: async () => {
      if (!existed) await storage.delete(key);
      await analysed.discard?.();
    },
  };
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

async function withSpool<T>(
  data: UploadData,
  work: (spooled: Spooled) => Promise<T>,
): Promise<T> {
  const spooled = await spool(data);
  try {
    return await work(spooled);
  } finally {
    await rm(spooled.file, { force: true });
  }
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
    const blob = await storeBlob(input.shop, analysed, spooled);
    let created;
    try {
      created = await createAssetWithVersion({
        shop: input.shop,
        title: titleFrom(analysed.facts.filename),
        kind: analysed.type.kind,
        actor: input.actor,
        facts: { ...analysed.facts, storageKey: blob.key },
        nearDuplicateOfId: nearDuplicate,
      });
    } catch (error) {
      await blob.undo();
      throw error;
    }
    await enqueueAfterCommit(input.shop, created.version);
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
    const blob = await storeBlob(input.shop, analysed, spooled);
    let created;
    try {
      created = await createVersion({
        shop: input.shop,
        assetId: input.assetId,
        actor: input.actor,
        facts: { ...analysed.facts, storageKey: blob.key },
      });
    } catch (error) {
      await blob.undo();
      throw error;
    }
    await enqueueAfterCommit(input.shop, created.version);
    return created;
  });
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
