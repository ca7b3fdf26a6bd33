// Probing uploads, perceptual hashes, placeholders and renditions. The sync engine renders channel renditions
// through `renderImage` here too, so every image goes through the one decode policy (decode.server.ts).
import { rgbaToThumbHash } from "thumbhash";
import { Invalid } from "~/lib/errors";
import {
  decode,
  DECODE_POLICY,
  rasterisedSvg,
  readHeader,
  refusalOf,
  reopen,
  type ImageInput,
} from "./decode.server";

export type { ImageInput } from "./decode.server";

/** Decompression-bomb guard (see DECODE_POLICY). */
export const MAX_INPUT_PIXELS = DECODE_POLICY.maxInputPixels;

export interface ImageProbe {
  format: string;
  /** Upright dimensions (EXIF orientation applied). */
  width: number;
  height: number;
  exifOrientation: number | null;
  colorSpace: string | null;
  hasAlpha: boolean;
  pages: number;
  /** 64-bit difference hash, 16 hex digits. */
  phash: string;
  thumbhash: string;
  /** #rrggbb */
  dominantColor: string;
}

/**
 * Reads an image's header and decodes it once at small size for hashes and placeholder. Throws `Invalid` for
 * pixel bombs, truncated or corrupt data and formats this sharp build cannot read.
 */
export async function probeImage(input: ImageInput): Promise<ImageProbe> {
  try {
    const meta = await readHeader(input);
    if (!meta.width || !meta.height)
      throw new Invalid("the image has no dimensions");
    if (meta.width * meta.height > MAX_INPUT_PIXELS)
      throw new Invalid(
        `the image is ${meta.width} × ${meta.height} px; the limit is ${MAX_INPUT_PIXELS / 1_000_000} MP`,
      );
    // An SVG's drawing cost is not in its size (a few hundred bytes of filters can take minutes): it is drawn once
    // now, at the largest size any rendition needs, within a short deadline, and refused if it cannot be.
    const source =
      meta.format === "svg"
        ? await rasterisedSvg(input, meta, {
            deadlineSeconds: DECODE_POLICY.svgTrialSeconds,
          })
        : input;
    const rotated = (meta.orientation ?? 1) >= 5;
    // One full decode (shrink-on-load keeps it cheap): proves the data is whole and feeds the placeholder.
    const small = await (
      await decode(source, { side: 400 })
    )
      .rotate()
      .resize(100, 100, { fit: "inside" })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const [phash, dominantColor] = await Promise.all([
      differenceHash(small.data, small.info.width, small.info.height),
      dominant(small.data, small.info.width, small.info.height),
    ]);
    return {
      format: meta.format ?? "unknown",
      width: rotated ? meta.height : meta.width,
      height: rotated ? meta.width : meta.height,
      exifOrientation: meta.orientation ?? null,
      colorSpace: meta.space ?? null,
      hasAlpha: meta.hasAlpha ?? false,
      pages: meta.pages ?? 1,
      phash,
      thumbhash: Buffer.from(
        rgbaToThumbHash(small.info.width, small.info.height, small.data),
      ).toString("base64"),
      dominantColor,
    };
  } catch (error) {
    throw refusalOf(error);
  }
}

const raw = (data: Buffer, width: number, height: number) =>
  reopen(data, { width, height, channels: 4 });

/** dHash: 9×8 greyscale, one bit per horizontal neighbour comparison. */
async function differenceHash(
  data: Buffer,
  width: number,
  height: number,
): Promise<string> {
  const grey = await raw(data, width, height)
    .flatten({ background: "#ffffff" })
    .greyscale()
    .resize(9, 8, { fit: "fill" })
    .raw()
    .toBuffer();
  let bits = 0n;
  for (let y = 0; y < 8; y++)
    for (let x = 0; x < 8; x++)
      bits = (bits << 1n) | (grey[y * 9 + x]! > grey[y * 9 + x + 1]! ? 1n : 0n);
  return bits.toString(16).padStart(16, "0");
}

const hex = (n: number) => Math.round(n).toString(16).padStart(2, "0");

/**
 * The subject's colour: the mean of the pixels that are neither near-white nor transparent, so a camel coat on a
 * white studio background is camel, not white (a mean, not a histogram mode: stable when a photo is re-encoded).
 * Null when almost everything is background. Part of the near-duplicate signature: colourways share a silhouette
 * (and a dHash), not a colour.
 */
function subjectColour(
  data: Buffer,
  width: number,
  height: number,
): string | null {
  let [n, r, g, b] = [0, 0, 0, 0];
  for (let o = 0; o < width * height * 4; o += 4) {
    const [pr, pg, pb] = [data[o]!, data[o + 1]!, data[o + 2]!];
    if (data[o + 3]! < 128 || (pr >= 235 && pg >= 235 && pb >= 235)) continue;
    n++;
    r += pr;
    g += pg;
    b += pb;
  }
  if (n < width * height * 0.02) return null;
  return `#${hex(r / n)}${hex(g / n)}${hex(b / n)}`;
}

async function dominant(
  data: Buffer,
  width: number,
  height: number,
): Promise<string> {
  const subject = subjectColour(data, width, height);
  if (subject) return subject;
  const { dominant: c } = await raw(data, width, height).stats();
  return `#${hex(c.r)}${hex(c.g)}${hex(c.b)}`;
}

/** Bits that differ between two dHashes. */
export function hashDistance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let n = 0;
  while (x) {
    n += Number(x & 1n);
    x >>= 1n;
  }
  return n;
}

/** What a rendition looks like. The sync engine's channel profiles have this shape. */
export interface RenditionSpec {
  width: number;
  height: number;
  fit: "inside" | "contain" | "cover";
  background?: string;
  /** "keep": the master's own format when it is JPEG or PNG, otherwise JPEG. */
  format: "jpeg" | "png" | "webp" | "keep";
  quality: number;
}

export interface Rendition {
  data: Buffer;
  format: "jpeg" | "png" | "webp";
  width: number;
  height: number;
}

/** The library's own renditions: grid thumbnail and asset-page preview. */
export const LIBRARY_RENDITIONS = {
  thumb: {
    width: 400,
    height: 400,
    fit: "inside",
    format: "webp",
    quality: 75,
  },
  preview: {
    width: 1600,
    height: 1600,
    fit: "inside",
    format: "webp",
    quality: 80,
  },
} as const satisfies Record<string, RenditionSpec>;
export type LibraryRendition = keyof typeof LIBRARY_RENDITIONS;

/**
 * Renders one rendition: upright (EXIF orientation applied), sRGB, never enlarged, and with no metadata copied
 * from the master (sharp drops EXIF, GPS, XMP and IPTC unless asked to keep them).
 */
export async function renderRendition(
  input: ImageInput,
  spec: RenditionSpec,
  masterFormat?: string,
): Promise<Rendition> {
  const format =
    spec.format === "keep"
      ? masterFormat === "png" || masterFormat === "jpeg"
        ? masterFormat
        : "jpeg"
      : spec.format;
  try {
    let image = (
      await decode(input, { side: Math.max(spec.width, spec.height) })
    ).rotate();
    if (spec.background || format === "jpeg")
      image = image.flatten({ background: spec.background ?? "#ffffff" });
    image = image.resize(spec.width, spec.height, {
      fit: spec.fit,
      withoutEnlargement: true,
      background: spec.background ?? "#ffffff",
    });
    if (format === "jpeg") image = image.jpeg({ quality: spec.quality });
    else if (format === "png") image = image.png();
    else image = image.webp({ quality: spec.quality });
    const { data, info } = await image.toBuffer({ resolveWithObject: true });
    return { data, format, width: info.width, height: info.height };
  } catch (error) {
    throw refusalOf(error);
  }
}

// ── Channel renditions (sync engine) ─────────────────────────────────────────────────────────────────────────

/** How to render an image (channel rendition profiles are ImageSpecs). */
export interface ImageSpec {
  width: number;
  height: number;
  fit: "inside" | "contain";
  background?: string;
  format: "jpeg" | "png" | "keep";
  quality: number;
}

/** Interleaved 8-bit samples, `channels` per pixel. */
export interface Raster {
  data: Uint8Array;
  width: number;
  height: number;
  channels: number;
}

export interface RenderedImage {
  bytes: Buffer;
  mime: "image/jpeg" | "image/png";
  extension: "jpg" | "png";
  width: number;
  height: number;
}

function outputFormat(profile: ImageSpec, masterMime: string): "jpeg" | "png" {
  if (profile.format !== "keep") return profile.format;
  return masterMime === "image/png" ? "png" : "jpeg";
}

/**
 * Renders `master` for `profile`: EXIF orientation applied, metadata (GPS, camera, personal fields) dropped,
 * never enlarged, flattened on the background, padded to a square canvas for `fit: "contain"`.
 */
export async function renderImage(
  master: Buffer,
  masterMime: string,
  profile: ImageSpec,
): Promise<RenderedImage> {
  const format = outputFormat(profile, masterMime);
  let pipeline = (
    await decode(master, { side: Math.max(profile.width, profile.height) })
  )
    .rotate()
    .resize(profile.width, profile.height, {
      fit: "inside",
      withoutEnlargement: true,
    });
  if (profile.background || format === "jpeg")
    pipeline = pipeline.flatten({
      background: profile.background ?? "#ffffff",
    });
  let resized = await pipeline.toBuffer({ resolveWithObject: true });
  if (profile.fit === "contain" && resized.info.width !== resized.info.height) {
    const side = Math.max(resized.info.width, resized.info.height);
    const dx = side - resized.info.width;
    const dy = side - resized.info.height;
    resized = await reopen(resized.data)
      .extend({
        left: Math.floor(dx / 2),
        right: Math.ceil(dx / 2),
        top: Math.floor(dy / 2),
        bottom: Math.ceil(dy / 2),
        background: profile.background ?? "#ffffff",
      })
      .toBuffer({ resolveWithObject: true });
  }
  const encoded =
    format === "png"
      ? reopen(resized.data).png({ compressionLevel: 6 })
      : reopen(resized.data).jpeg({ quality: profile.quality, mozjpeg: false });
  const out = await encoded.toBuffer({ resolveWithObject: true });
  return {
    bytes: out.data,
    mime: format === "png" ? "image/png" : "image/jpeg",
    extension: format === "png" ? "png" : "jpg",
    width: out.info.width,
    height: out.info.height,
  };
}

// Pre-flight measures a downscaled copy: borders and fill do not need every pixel.
const ANALYSIS_SIDE = 512;

/** Decodes a downscaled RGB raster of an image for pixel checks. */
export async function rasterForAnalysis(bytes: Buffer): Promise<Raster> {
  const { data, info } = await (
    await decode(bytes, { side: ANALYSIS_SIDE })
  )
    .resize(ANALYSIS_SIDE, ANALYSIS_SIDE, {
      fit: "inside",
      withoutEnlargement: true,
    })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    data,
    width: info.width,
    height: info.height,
    channels: info.channels,
  };
}
