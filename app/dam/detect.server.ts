// What an upload is, decided by its content (magic bytes), never by its name.
import { open } from "node:fs/promises";
import { fileTypeFromFile } from "file-type";
import { Invalid } from "~/lib/errors";
import { looksLikeSvg } from "./svg.server";

export type AssetKindName = "IMAGE" | "VIDEO" | "DOCUMENT" | "MODEL_3D";

export interface DetectedType {
  mime: string;
  extension: string;
  kind: AssetKindName;
}

const ACCEPTED: Record<string, { kind: AssetKindName; extension: string }> = {
  "image/jpeg": { kind: "IMAGE", extension: "jpg" },
  "image/png": { kind: "IMAGE", extension: "png" },
  "image/webp": { kind: "IMAGE", extension: "webp" },
  "image/avif": { kind: "IMAGE", extension: "avif" },
  "image/gif": { kind: "IMAGE", extension: "gif" },
  "image/tiff": { kind: "IMAGE", extension: "tif" },
  "image/heic": { kind: "IMAGE", extension: "heic" },
  "image/heif": { kind: "IMAGE", extension: "heif" },
  "image/svg+xml": { kind: "IMAGE", extension: "svg" },
  "video/mp4": { kind: "VIDEO", extension: "mp4" },
  "video/quicktime": { kind: "VIDEO", extension: "mov" },
  "video/webm": { kind: "VIDEO", extension: "webm" },
  "application/pdf": { kind: "DOCUMENT", extension: "pdf" },
  "model/gltf-binary": { kind: "MODEL_3D", extension: "glb" },
};

export const ACCEPTED_MIME_TYPES = Object.keys(ACCEPTED);

async function head(file: string, bytes: number): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Detects the type of the file at `path`. Throws `Invalid` for anything the library does not accept. */
export async function detectType(path: string): Promise<DetectedType> {
  // A document that starts like an SVG (after a BOM, XML declaration, comments or doctype) is one, whatever
  // file-type's byte signatures guess for it: UTF-16 text's BOM looks like an MP3 frame to them.
  if (looksLikeSvg(await head(path, 4096)))
    return { mime: "image/svg+xml", ...ACCEPTED["image/svg+xml"]! };
  const found = await fileTypeFromFile(path);
  let mime = found?.mime as string | undefined;
  // M4V and ISO-BMFF "mp4"-branded files are MP4 for our purposes.
  if (mime === "video/x-m4v") mime = "video/mp4";
  // An animated PNG is a PNG (its first frame is its still image; every PNG reader shows that frame).
  if (mime === "image/apng") mime = "image/png";
  const accepted = mime ? ACCEPTED[mime] : undefined;
  if (!mime || !accepted)
    throw new Invalid(
      mime
        ? `files of type ${mime} are not accepted`
        : "this file type is not recognised; upload an image, video, PDF or GLB model",
    );
  return { mime, ...accepted };
}

/** Longest duration kept (the column is a 32-bit integer: ~24.8 days); anything longer is recorded as unknown. */
const MAX_DURATION_MS = 2_147_483_647;

/**
 * Duration of an MP4/MOV from its `mvhd` box (no ffmpeg needed), wherever `moov` sits (phones write it after the
 * media data). Walks the top-level boxes by their sizes, reading only box headers and the `moov` box (capped at
 * 16 MB). Null when absent, damaged, zero-timescale or out of range: a video's duration is informative only.
 */
export async function mp4DurationMs(path: string): Promise<number | null> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    const header = Buffer.alloc(16);
    let offset = 0;
    for (let boxes = 0; offset + 8 <= size && boxes < 10_000; boxes++) {
      const { bytesRead } = await handle.read(header, 0, 16, offset);
      if (bytesRead < 8) return null;
      let length = header.readUInt32BE(0);
      let headerLength = 8;
      if (length === 1 && bytesRead >= 16) {
        length = Number(header.readBigUInt64BE(8));
        headerLength = 16;
      } else if (length === 0) length = size - offset;
      if (length < headerLength) return null;
      if (header.toString("latin1", 4, 8) === "moov") {
        const bodyLength = Math.min(length - headerLength, 16 * 1024 * 1024);
        const moov = Buffer.alloc(bodyLength);
        const read = await handle.read(
          moov,
          0,
          bodyLength,
          offset + headerLength,
        );
        return mvhdDuration(moov.subarray(0, read.bytesRead));
      }
      offset += length;
    }
    return null;
  } finally {
    await handle.close();
  }
}

function mvhdDuration(moov: Buffer): number | null {
  const at = moov.indexOf("mvhd");
  if (at < 0) return null;
  const version = moov[at + 4];
  const base = at + 8;
  const need = version === 1 ? base + 28 : base + 16;
  if (need > moov.length) return null;
  const timescale =
    version === 1 ? moov.readUInt32BE(base + 16) : moov.readUInt32BE(base + 8);
  const duration =
    version === 1
      ? Number(moov.readBigUInt64BE(base + 20))
      : moov.readUInt32BE(base + 12);
  if (!timescale) return null;
  const ms = Math.round((duration / timescale) * 1000);
  return Number.isSafeInteger(ms) && ms <= MAX_DURATION_MS ? ms : null;
}

/** Page count of a PDF by counting page objects: good enough for a library card, no PDF engine needed. */
export function pdfPageCount(data: Buffer): number | null {
  const matches = data.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g);
  return matches ? matches.length : null;
}
