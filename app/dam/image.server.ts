// Renditions: the library's own (grid thumbnail, asset-page preview) and the sync engine's channel renditions, plus
// the downscaled raster pre-flight measures. One pipeline core (`uprightResized`) under the one decode policy
// (decode.server.ts): EXIF orientation applied, never enlarged, no metadata copied from the master.
import { decode, refusalOf, reopen, type ImageInput } from "./decode.server";

export type { ImageInput } from "./decode.server";

/**
 * The master decoded at the size the box needs (an SVG is drawn at that size), turned upright, flattened on
 * `background` when asked, and resized into `width` × `height` with `fit`, never enlarged.
 */
async function uprightResized(
  input: ImageInput,
  box: {
    width: number;
    height: number;
    fit: "inside" | "contain" | "cover";
    background?: string;
    flatten: boolean;
  },
) {
  let image = (
    await decode(input, { side: Math.max(box.width, box.height) })
  ).rotate();
  if (box.flatten)
    image = image.flatten({ background: box.background ?? "#ffffff" });
  return image.resize(box.width, box.height, {
    fit: box.fit,
    withoutEnlargement: true,
    background: box.background ?? "#ffffff",
  });
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
    let image = await uprightResized(input, {
      ...spec,
      flatten: Boolean(spec.background) || format === "jpeg",
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
  // Resized inside the box first; `fit: "contain"` pads to a square below (not to the box, as the library does).
  const pipeline = await uprightResized(master, {
    width: profile.width,
    height: profile.height,
    fit: "inside",
    background: profile.background,
    flatten: Boolean(profile.background) || format === "jpeg",
  });
  return finish(pipeline, profile, format);
}

/**
 * `renderImage` for several profiles from one decode of the master (a version's channel renditions): the
 * upright master's pixels are decoded once, then each profile is flattened, resized and encoded from them.
 */
export async function renderImages(
  master: Buffer,
  masterMime: string,
  profiles: readonly ImageSpec[],
): Promise<RenderedImage[]> {
  if (profiles.length <= 1)
    return Promise.all(profiles.map((p) => renderImage(master, masterMime, p)));
  const side = Math.max(...profiles.flatMap((p) => [p.width, p.height]));
  const upright = await (
    await decode(master, { side })
  )
    .rotate()
    .raw({ depth: "uchar" })
    .toBuffer({ resolveWithObject: true });
  const out: RenderedImage[] = [];
  for (const profile of profiles) {
    const format = outputFormat(profile, masterMime);
    let pipeline = reopen(upright.data, {
      width: upright.info.width,
      height: upright.info.height,
      channels: upright.info.channels,
    });
    if (Boolean(profile.background) || format === "jpeg")
      pipeline = pipeline.flatten({
        background: profile.background ?? "#ffffff",
      });
    out.push(
      await finish(
        pipeline.resize(profile.width, profile.height, {
          fit: "inside",
          withoutEnlargement: true,
          background: profile.background ?? "#ffffff",
        }),
        profile,
        format,
      ),
    );
  }
  return out;
}

/** A resized pipeline padded (`fit: "contain"`) and encoded for `profile`. */
async function finish(
  pipeline: ReturnType<typeof reopen>,
  profile: ImageSpec,
  format: "jpeg" | "png",
): Promise<RenderedImage> {
  // Raw pixels between the steps: one decode and one encode per rendition (no lossy intermediate JPEG).
  let resized = await pipeline
    .raw({ depth: "uchar" })
    .toBuffer({ resolveWithObject: true });
  const pixels = () =>
    reopen(resized.data, {
      width: resized.info.width,
      height: resized.info.height,
      channels: resized.info.channels,
    });
  if (profile.fit === "contain" && resized.info.width !== resized.info.height) {
    const side = Math.max(resized.info.width, resized.info.height);
    const dx = side - resized.info.width;
    const dy = side - resized.info.height;
    resized = await pixels()
      .extend({
        left: Math.floor(dx / 2),
        right: Math.ceil(dx / 2),
        top: Math.floor(dy / 2),
        bottom: Math.ceil(dy / 2),
        background: profile.background ?? "#ffffff",
      })
      .raw({ depth: "uchar" })
      .toBuffer({ resolveWithObject: true });
  }
  const encoded =
    format === "png"
      ? pixels().png({ compressionLevel: 6 })
      : pixels().jpeg({ quality: profile.quality, mozjpeg: false });
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

/**
 * A square detail of an image for a swatch: upright, `share` of the shorter side wide (default a third), centred
 * on `point` (fractions of width and height, default the centre) and kept inside the image, resized to `side` px
 * JPEG on white. Shopify scales swatch images down to a small circle: a detail of the fabric reads better there
 * than the whole garment.
 */
export async function squareDetail(
  master: Buffer,
  {
    point = { x: 0.5, y: 0.5 },
    share = 1 / 3,
    side = 256,
  }: { point?: { x: number; y: number }; share?: number; side?: number } = {},
): Promise<Buffer> {
  const upright = await (
    await decode(master, {})
  )
    .rotate()
    .flatten({ background: "#ffffff" })
    .toBuffer({ resolveWithObject: true });
  const { width, height } = upright.info;
  const size = Math.max(1, Math.round(Math.min(width, height) * share));
  const clamp = (centre: number, extent: number) =>
    Math.min(Math.max(0, Math.round(centre - size / 2)), extent - size);
  return reopen(upright.data)
    .extract({
      left: clamp(point.x * width, width),
      top: clamp(point.y * height, height),
      width: size,
      height: size,
    })
    .resize(side, side)
    .jpeg({ quality: 85 })
    .toBuffer();
}
