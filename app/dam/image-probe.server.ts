// What an upload's image is, read once at ingest: upright dimensions, colour facts, a perceptual hash for
// near-duplicates, the subject's colour and a placeholder. Decoded under the one decode policy (decode.server.ts).
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
    if (meta.width * meta.height > DECODE_POLICY.maxInputPixels)
      throw new Invalid(
        `the image is ${meta.width} × ${meta.height} px; the limit is ${DECODE_POLICY.maxInputPixels / 1_000_000} MP`,
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
