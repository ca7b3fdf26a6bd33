// The one module that uses sharp (STYLE.md): every decode, resize and encode of the app goes through here, with
// sharp's concurrency and cache set deliberately for a worker that runs several jobs at once.
import sharp from "sharp";

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

// libvips threads per image: the worker already runs several jobs at once on few cores, so one thread per
// operation avoids oversubscription; the operation cache is bounded so RSS stays predictable.
sharp.concurrency(1);
sharp.cache({ memory: 64, files: 0, items: 50 });

// Masters up to 100 MP are accepted (a 24 MP studio shot is common); beyond that is a pixel bomb.
const MAX_INPUT_PIXELS = 100_000_000;

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
  let pipeline = sharp(master, { limitInputPixels: MAX_INPUT_PIXELS })
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
    resized = await sharp(resized.data)
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
      ? sharp(resized.data).png({ compressionLevel: 6 })
      : sharp(resized.data).jpeg({ quality: profile.quality, mozjpeg: false });
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
  const { data, info } = await sharp(bytes)
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
