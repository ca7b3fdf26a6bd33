// What Shopify's media processing decides about uploaded bytes: images are decoded (and sized), videos and 3D
// models are probed and validated, and videos and 3D models get a generated preview image. Limits are the
// product-media ones: images ≤ 20 MB and 4472 px / 20 MP; videos MP4, MOV or WebM up to 1 GB and 10 minutes,
// 4K at most; 3D models GLB (or USDZ) up to 500 MB (help.shopify.com "Product media types", via a secondary
// source). Shopify documents a minimum video duration error without its value: only empty (0 ms) videos fail.
import sharp, { type Metadata } from "sharp";
import type { FileContent, FileKind } from "../state";
import { probeGlb, probeVideo, ProbeError } from "./probe";

export const MAX_IMAGE_PIXELS = 20_000_000;
export const MAX_IMAGE_SIDE = 4472;
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
export const MAX_VIDEO_BYTES = 1024 * 1024 * 1024;
export const MAX_VIDEO_MS = 10 * 60 * 1000;
export const MAX_VIDEO_SIDE = 4096;
export const MAX_MODEL_BYTES = 500 * 1024 * 1024;
const PREVIEW_MAX_SIDE = 1024;

export type ProcessResult =
  | { ok: true; content: Omit<FileContent, "version"> }
  | { ok: false; code: string; message: string };

const fail = (code: string, message: string): ProcessResult => ({
  ok: false,
  code,
  message,
});

async function processImage(
  bytes: Buffer,
  put: (b: Buffer) => string,
): Promise<ProcessResult> {
  if (bytes.length > MAX_IMAGE_BYTES)
    return fail("INVALID_IMAGE_FILE_SIZE", "Image is larger than 20 MB.");
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes).metadata();
    // Decode the whole image: a truncated or corrupt file fails here, as it would on Shopify's side.
    await sharp(bytes, { failOn: "truncated", limitInputPixels: false })
      .resize(32)
      .toBuffer();
  } catch {
    return fail("IMAGE_PROCESSING_FAILURE", "Image could not be processed.");
  }
  const formats: Record<string, string> = {
    jpeg: "image/jpeg",
    png: "image/png",
    gif: "image/gif",
    webp: "image/webp",
    heif: "image/avif",
  };
  const mimeType = formats[metadata.format ?? ""];
  if (!mimeType)
    return fail(
      "UNSUPPORTED_IMAGE_FILE_TYPE",
      `Unsupported image type ${metadata.format}.`,
    );
  const width = metadata.width ?? 0;
  const height = metadata.height ?? 0;
  if (
    width * height > MAX_IMAGE_PIXELS ||
    width > MAX_IMAGE_SIDE ||
    height > MAX_IMAGE_SIDE
  )
    return fail(
      "INVALID_IMAGE_RESOLUTION",
      `Image is ${width}×${height}; the limit is ${MAX_IMAGE_SIDE}×${MAX_IMAGE_SIDE} (20 MP).`,
    );
  return {
    ok: true,
    content: {
      blobKey: put(bytes),
      mimeType,
      width,
      height,
      size: bytes.length,
    },
  };
}

/**
 * The preview Shopify generates for a video (a poster frame) or a 3D model (a rendered thumbnail). The emulator
 * decodes neither, so it makes a neutral placeholder of the right proportions: a test can check that a preview
 * exists and its size, not its pixels.
 */
async function placeholderPreview(
  width: number,
  height: number,
  put: (b: Buffer) => string,
) {
  const scale = Math.min(1, PREVIEW_MAX_SIDE / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const jpeg = await sharp({
    create: { width: w, height: h, channels: 3, background: "#3a3a3a" },
  })
    .jpeg({ quality: 70 })
    .toBuffer();
  return { blobKey: put(jpeg), width: w, height: h };
}

async function processVideo(
  bytes: Buffer,
  put: (b: Buffer) => string,
): Promise<ProcessResult> {
  if (bytes.length > MAX_VIDEO_BYTES)
    return fail("VIDEO_VALIDATION_ERROR", "Videos can be at most 1 GB.");
  const info = probeVideo(bytes);
  if (info.durationMs <= 0)
    return fail("VIDEO_MIN_DURATION_ERROR", "The video has no duration.");
  if (info.durationMs > MAX_VIDEO_MS)
    return fail(
      "VIDEO_MAX_DURATION_ERROR",
      "Videos can be at most 10 minutes long.",
    );
  if (info.width > MAX_VIDEO_SIDE)
    return fail(
      "VIDEO_MAX_WIDTH_ERROR",
      `The video is ${info.width} px wide; the limit is ${MAX_VIDEO_SIDE}.`,
    );
  if (info.height > MAX_VIDEO_SIDE)
    return fail(
      "VIDEO_MAX_HEIGHT_ERROR",
      `The video is ${info.height} px high; the limit is ${MAX_VIDEO_SIDE}.`,
    );
  return {
    ok: true,
    content: {
      blobKey: put(bytes),
      mimeType: info.mimeType,
      width: info.width,
      height: info.height,
      size: bytes.length,
      durationMs: info.durationMs,
      preview: await placeholderPreview(info.width, info.height, put),
    },
  };
}

async function processModel(
  bytes: Buffer,
  put: (b: Buffer) => string,
): Promise<ProcessResult> {
  if (bytes.length > MAX_MODEL_BYTES)
    return fail("MODEL3D_VALIDATION_ERROR", "3D models can be at most 500 MB.");
  const usdz = bytes.length > 4 && bytes.readUInt32LE(0) === 0x04034b50;
  const info = usdz ? { boundingBox: null } : probeGlb(bytes);
  return {
    ok: true,
    content: {
      blobKey: put(bytes),
      mimeType: usdz ? "model/vnd.usdz+zip" : "model/gltf-binary",
      width: null,
      height: null,
      size: bytes.length,
      boundingBox: info.boundingBox,
      preview: await placeholderPreview(1024, 1024, put),
    },
  };
}

/** Processes downloaded bytes for a file of `kind`; generic files are stored as they are. */
export async function processContent(
  kind: FileKind,
  bytes: Buffer,
  declaredMimeType: string | null,
  put: (b: Buffer) => string,
): Promise<ProcessResult> {
  try {
    if (kind === "MediaImage") return await processImage(bytes, put);
    if (kind === "Video") return await processVideo(bytes, put);
    if (kind === "Model3d") return await processModel(bytes, put);
  } catch (error) {
    if (error instanceof ProbeError) return fail(error.code, error.message);
    throw error;
  }
  return {
    ok: true,
    content: {
      blobKey: put(bytes),
      mimeType: declaredMimeType ?? "application/octet-stream",
      width: null,
      height: null,
      size: bytes.length,
    },
  };
}
