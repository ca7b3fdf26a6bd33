// One decode policy for every image pipeline (upload probe, library renditions, channel renditions, pre-flight
// analysis): the same pixel limit, the same strictness about damaged data, a processing deadline, and SVGs
// rasterised at the density a pipeline needs rather than at their declared canvas (a 659-byte SVG can declare a
// 10000 × 10000 canvas full of filters: rendering that is minutes of CPU; rendering it at 1600 px is not).
// This file is the app's only sharp import (image-probe.server.ts probes uploads, image.server.ts renders renditions,
// metadata.server.ts reads metadata blocks, all through it; the SVG rasteriser's child process applies the same
// limits).
import { readFile } from "node:fs/promises";
import sharp, { type CreateRaw, type Metadata, type Sharp } from "sharp";
import { Invalid } from "~/lib/errors";
import {
  rasteriseSvg,
  SvgRasterFailed,
  SvgRasterTimeout,
} from "./svg-raster.server";

// libvips settings, chosen for a small worker (see shared/reference/performance-anchors.md §1.3):
// - the operation cache is off: masters are rendered once per version, so cached decodes only grow RSS;
// - one libvips thread per image (sharp's own default on glibc without jemalloc, made explicit): throughput comes
//   from rendering several images at once on libuv's pool, and memory stays flat (no per-thread arenas).
// SHARP_CONCURRENCY overrides it where jemalloc is preloaded.
sharp.cache(false);
sharp.concurrency(Number(process.env.SHARP_CONCURRENCY) || 1);

export type ImageInput = Buffer | string;

export const DECODE_POLICY = {
  /** Decompression-bomb guard: 100 MP, below sharp's 268 MP default (a 24 MP camera frame fits four times). */
  maxInputPixels: Number(process.env.DAM_MAX_INPUT_PIXELS) || 100_000_000,
  /** Refuse truncated and corrupt data, but accept the harmless warnings cameras' JPEGs often carry. */
  failOn: "error" as const,
  /** Any one pipeline is stopped after this long. */
  timeoutSeconds: Number(process.env.DAM_DECODE_TIMEOUT_SECONDS) || 20,
  /** An SVG is never rasterised larger than this on its longest side (the largest channel rendition). */
  svgMaxSide: 2048,
  /** An upload's SVG must render at `svgMaxSide` within this (see image.server.ts trialRender). */
  svgTrialSeconds: 8,
};

export interface DecodeOptions {
  /** Longest side the pipeline produces: an SVG is rasterised at the density that gives at most this. */
  side?: number;
  /** Deadline for rasterising an SVG (default `timeoutSeconds`). */
  deadlineSeconds?: number;
}

const base = () => ({
  limitInputPixels: DECODE_POLICY.maxInputPixels,
  failOn: DECODE_POLICY.failOn,
});

/** The image's header (no pixels decoded). */
export function readHeader(input: ImageInput): Promise<Metadata> {
  return sharp(input, base()).metadata();
}

/**
 * An SVG as a PNG no larger than `side` (and never larger than its own canvas), drawn in a child process that is
 * killed at the deadline (svg-raster.server.ts). `meta` is the SVG's header.
 */
export async function rasterisedSvg(
  input: ImageInput,
  meta: Metadata,
  options: DecodeOptions = {},
): Promise<Buffer> {
  const longest = Math.max(meta.width ?? 0, meta.height ?? 0);
  const side = Math.min(
    options.side ?? DECODE_POLICY.svgMaxSide,
    DECODE_POLICY.svgMaxSide,
  );
  // SVGs are read at 72 dpi by default; a lower density draws a smaller bitmap (sharp's minimum is 1).
  const density =
    longest > side ? Math.max(1, (72 * side) / longest) : undefined;
  const svg = typeof input === "string" ? await readFile(input) : input;
  return rasteriseSvg(svg, {
    density,
    side,
    limitInputPixels: DECODE_POLICY.maxInputPixels,
    deadlineSeconds: options.deadlineSeconds ?? DECODE_POLICY.timeoutSeconds,
  });
}

/** Opens an untrusted image under the policy. Throws (sharp's errors; see `refusalOf`) for unreadable input. */
export async function decode(
  input: ImageInput,
  options: DecodeOptions = {},
): Promise<Sharp> {
  const meta = await readHeader(input);
  const source =
    meta.format === "svg" ? await rasterisedSvg(input, meta, options) : input;
  return sharp(source, base()).timeout({
    seconds: DECODE_POLICY.timeoutSeconds,
  });
}

/** A pipeline over bytes this process produced itself (already decoded once under the policy). */
export function reopen(data: Buffer, raw?: CreateRaw): Sharp {
  return sharp(data, { ...base(), raw }).timeout({
    seconds: DECODE_POLICY.timeoutSeconds,
  });
}

/**
 * A merchant-readable refusal for a decode failure: never libvips' own words (they name internal functions,
 * offsets and file paths). The original error is kept as `cause` for the logs.
 */
export function refusalOf(error: unknown): Error {
  if (error instanceof Invalid) return error;
  if (error instanceof SvgRasterTimeout)
    return new Invalid(
      `This SVG is too complex to process safely (drawing it takes more than ${error.seconds} seconds).`,
      {},
      { cause: error },
    );
  if (error instanceof SvgRasterFailed && !/pixel limit/i.test(error.message))
    return new Invalid(
      "This SVG cannot be drawn; open it in an editor and export it again.",
      {},
      { cause: error },
    );
  const message = (error as Error)?.message ?? String(error);
  const mp = DECODE_POLICY.maxInputPixels / 1_000_000;
  const cause = { cause: error };
  if (/pixel limit/i.test(message))
    return new Invalid(`the image exceeds the ${mp} MP limit`, {}, cause);
  if (/timeout/i.test(message))
    return new Invalid(
      "the image is too complex to process in time; simplify or flatten it and upload it again",
      {},
      cause,
    );
  if (
    /unsupported image format|bad seek|not a known file format|heif: .*(unsupported|not supported)|compression format.*not.*supported/i.test(
      message,
    )
  )
    return new Invalid(
      "this image format or encoding cannot be read; export it as JPEG or PNG",
      {},
      cause,
    );
  return new Invalid(
    "the image is damaged or incomplete; export it again from the original",
    {},
    cause,
  );
}

/** Metadata blocks for `metadata.server.ts`, read by libvips (which caps decompressed chunks) — never inflated by us. */
export async function metadataBlocks(input: ImageInput): Promise<{
  exif?: Buffer;
  xmp?: Buffer;
  iptc?: Buffer;
}> {
  try {
    const meta = await readHeader(input);
    return { exif: meta.exif, xmp: meta.xmp, iptc: meta.iptc };
  } catch {
    return {};
  }
}
