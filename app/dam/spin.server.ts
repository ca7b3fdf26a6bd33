// 360° spins: a ZIP of ordered frames (frame_01.jpg … frame_24.jpg) becomes ONE image asset. Its master is frame 1
// (so every channel without spin support — Google, the marketplace, the storefront's image media — gets frame 1
// through the ordinary image pipeline), and its version's `media.spin.frames` lists every frame's blob in order.
// The ZIP is checked before anything inflates it (entry count, declared sizes, ratios, like spreadsheet imports),
// then each frame is inflated once, counted, and decoded as an image.
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import yauzl from "yauzl";
import { Invalid } from "~/lib/errors";
import type { VersionFacts } from "./asset.db.server";
import { probeImage } from "./image-probe.server";
import { getStorage, masterKey } from "./storage.server";

export const SPIN_LIMITS = {
  minFrames: 8,
  maxFrames: 144,
  frameBytes: 25 * 1024 * 1024,
  totalBytes: 400 * 1024 * 1024,
  /** Inflated / compressed, for entries over 1 MB: images barely compress, a zip bomb does. */
  ratio: 50,
} as const;

const FRAME_TYPES: Record<string, { mime: string; extension: string }> = {
  jpeg: { mime: "image/jpeg", extension: "jpg" },
  png: { mime: "image/png", extension: "png" },
  webp: { mime: "image/webp", extension: "webp" },
};

export interface SpinFrame {
  sha256: string;
  storageKey: string;
  filename: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
}

/** Whether the file is a ZIP (local file header magic), which the library reads as a 360° spin. */
export async function isZipFile(file: string): Promise<boolean> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.readUInt32LE(0) === 0x04034b50;
  } finally {
    await handle.close();
  }
}

const refuse = (message: string) => new Invalid(`360° spin: ${message}`);

/** Names in the order a person numbers frames: frame_2 before frame_10. */
const byNaturalName = (a: { name: string }, b: { name: string }) =>
  a.name.localeCompare(b.name, "en", { numeric: true, sensitivity: "base" });

const isFrameEntry = (name: string) =>
  !name.endsWith("/") &&
  !name.startsWith("__MACOSX/") &&
  !(name.split("/").pop() ?? "").startsWith(".") &&
  /\.(jpe?g|png|webp)$/i.test(name);

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(
      file,
      { lazyEntries: true, validateEntrySizes: true, autoClose: false },
      (error, zip) =>
        error ? reject(refuse("the ZIP is damaged")) : resolve(zip),
    ),
  );
}

function inflate(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(refuse("the ZIP is damaged"));
      const chunks: Buffer[] = [];
      let bytes = 0;
      stream.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > SPIN_LIMITS.frameBytes) {
          stream.destroy();
          reject(refuse(`${entry.fileName} is larger than 25 MB`));
        } else chunks.push(chunk);
      });
      // yauzl errors when an entry inflates past its declared size (a lying header).
      stream.on("error", () => reject(refuse("the ZIP is damaged")));
      stream.on("end", () => resolve(Buffer.concat(chunks)));
    }),
  );
}

/** The frame entries, checked from the central directory before anything is inflated. */
async function frameEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  if (zip.entryCount > SPIN_LIMITS.maxFrames * 2 + 16)
    throw refuse(`at most ${SPIN_LIMITS.maxFrames} frames`);
  const entries: yauzl.Entry[] = [];
  let declared = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on("error", () => reject(refuse("the ZIP is damaged")));
    zip.on("end", resolve);
    zip.on("entry", (entry: yauzl.Entry) => {
      if (isFrameEntry(entry.fileName)) {
        declared += entry.uncompressedSize;
        const ratio =
          entry.uncompressedSize / Math.max(1, entry.compressedSize);
        if (
          declared > SPIN_LIMITS.totalBytes ||
          entry.uncompressedSize > SPIN_LIMITS.frameBytes ||
          (entry.uncompressedSize > 1024 * 1024 && ratio > SPIN_LIMITS.ratio)
        )
          return reject(refuse("the frames would unpack to too much data"));
        entries.push(entry);
      }
      zip.readEntry();
      return undefined;
    });
    zip.readEntry();
  });
  const frames = entries
    .map((entry) => ({ entry, name: entry.fileName }))
    .sort(byNaturalName)
    .map((f) => f.entry);
  if (frames.length < SPIN_LIMITS.minFrames)
    throw refuse(
      `a spin needs at least ${SPIN_LIMITS.minFrames} JPEG, PNG or WebP frames; this ZIP has ${frames.length}`,
    );
  if (frames.length > SPIN_LIMITS.maxFrames)
    throw refuse(`at most ${SPIN_LIMITS.maxFrames} frames`);
  return frames;
}

export interface StoredSpin {
  facts: Omit<VersionFacts, "sha256" | "filename" | "bytes">;
  frames: SpinFrame[];
  /** Removes the frame blobs this call created (the rows could not be written). */
  undo: () => Promise<void>;
}

/**
 * Reads a spin ZIP at `file`, decodes every frame (all must be JPEG, PNG or WebP of one size), stores each frame
 * as a content-addressed master and returns the version facts (frame 1's) with the ordered frames. Throws
 * `Invalid` for a damaged ZIP, too few or too many frames, frames of mixed sizes or a frame that is no image.
 */
export async function storeSpinFrames(
  shop: string,
  file: string,
): Promise<StoredSpin> {
  const zip = await openZip(file);
  const storage = getStorage();
  const created: string[] = [];
  const undo = async () => {
    for (const key of created) await storage.delete(key);
  };
  try {
    const entries = await frameEntries(zip);
    const frames: SpinFrame[] = [];
    let first: Awaited<ReturnType<typeof probeImage>> | undefined;
    for (const entry of entries) {
      const bytes = await inflate(zip, entry);
      const probe = await probeImage(bytes).catch(() => {
        throw refuse(`${entry.fileName} is not a readable image`);
      });
      const type = FRAME_TYPES[probe.format];
      if (!type) throw refuse(`${entry.fileName} is not JPEG, PNG or WebP`);
      first ??= probe;
      if (probe.width !== first.width || probe.height !== first.height)
        throw refuse(
          `every frame must have the same size (${entry.fileName} is ${probe.width}×${probe.height}, frame 1 is ${first.width}×${first.height})`,
        );
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      const storageKey = masterKey(shop, sha256);
      if (!(await storage.has(storageKey))) {
        await storage.put(storageKey, bytes);
        created.push(storageKey);
      }
      frames.push({
        sha256,
        storageKey,
        filename: (entry.fileName.split("/").pop() ?? "").slice(0, 200),
        mime: type.mime,
        width: probe.width,
        height: probe.height,
        bytes: bytes.length,
      });
    }
    const frame1 = frames[0]!;
    return {
      frames,
      undo,
      facts: {
        storageKey: frame1.storageKey,
        mime: frame1.mime,
        width: first!.width,
        height: first!.height,
        colorSpace: first!.colorSpace,
        hasAlpha: first!.hasAlpha,
        exifOrientation: first!.exifOrientation,
        durationMs: null,
        pageCount: null,
        metadata: {},
        dominantColor: first!.dominantColor,
        thumbhash: first!.thumbhash,
        phash: first!.phash,
        media: { spin: { frames } },
      },
    };
  } catch (error) {
    await undo();
    throw error;
  } finally {
    zip.close();
  }
}

/** The ordered frames of a spin version (empty for any other version). */
export function spinFramesOf(media: unknown): SpinFrame[] {
  const frames = (media as { spin?: { frames?: SpinFrame[] } } | null)?.spin
    ?.frames;
  return Array.isArray(frames) ? frames : [];
}

/**
 * What ingest stores for a spin ZIP uploaded as `filename`: frame 1's facts (its SHA-256 and blob: the master is
 * frame 1), the frames in `media.spin`, and `discard` to remove the frame blobs if the rows cannot be written.
 */
export async function analyseSpin(
  shop: string,
  file: string,
  filename: string,
) {
  const spin = await storeSpinFrames(shop, file);
  const frame1 = spin.frames[0]!;
  const extension = FRAME_TYPES[frame1.mime.split("/")[1]!]?.extension;
  const stem = filename.replace(/\.[^.]*$/, "") || "spin";
  return {
    type: {
      mime: frame1.mime,
      extension: extension ?? "jpg",
      kind: "IMAGE" as const,
    },
    facts: {
      ...spin.facts,
      sha256: frame1.sha256,
      bytes: frame1.bytes,
      filename: `${stem}.${extension ?? "jpg"}`,
    },
    discard: spin.undo,
  };
}
