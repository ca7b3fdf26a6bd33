// Pre-flight: does a rendition meet its channel's rules? Measured from the pixels, so a marketplace's
// "pure white background" and "product fills 85 % of the frame" are checked before anything is published.

import { z } from "zod";
import type { ChannelRules } from "~/channels/kinds";
import { jsonColumn } from "~/lib/json-column";

export interface Raster {
  /** Interleaved 8-bit samples, `channels` per pixel (3 = RGB, 4 = RGBA). */
  data: Uint8Array;
  width: number;
  height: number;
  channels: number;
}

export interface RasterAnalysis {
  width: number;
  height: number;
  /** Share of the pixels in a border band (2 % of the short side, at least 1 px) that are pure white. */
  whiteBorder: number;
  /** The non-white bounding box's longer extent relative to the image's (0 when the image is all white). */
  fill: number;
}

const WHITE = 250;

function isWhite(raster: Raster, x: number, y: number): boolean {
  const i = (y * raster.width + x) * raster.channels;
  const d = raster.data;
  // Fully transparent pixels count as background.
  if (raster.channels === 4 && d[i + 3]! < 8) return true;
  return d[i]! >= WHITE && d[i + 1]! >= WHITE && d[i + 2]! >= WHITE;
}

export function analyseRaster(raster: Raster): RasterAnalysis {
  const { width, height } = raster;
  const band = Math.max(1, Math.round(Math.min(width, height) * 0.02));
  let border = 0;
  let borderWhite = 0;
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const white = isWhite(raster, x, y);
      if (x < band || y < band || x >= width - band || y >= height - band) {
        border += 1;
        if (white) borderWhite += 1;
      }
      if (!white) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  const fill =
    maxX < 0
      ? 0
      : Math.max((maxX - minX + 1) / width, (maxY - minY + 1) / height);
  return {
    width,
    height,
    whiteBorder: border ? borderWhite / border : 1,
    fill,
  };
}

export interface PreflightFailure {
  rule: keyof ChannelRules;
  expected: string;
  actual: string;
}

export interface PreflightResult {
  passed: boolean;
  failures: PreflightFailure[];
}

const ruleNames = [
  "minLongSide",
  "minShortSide",
  "maxPixels",
  "minWhiteBorder",
  "minFill",
  "forbiddenTags",
] as const satisfies readonly (keyof ChannelRules)[];

/** Rendition.preflight as stored: parsed when read, never cast. */
export const preflightColumn = jsonColumn(
  "Rendition.preflight",
  z.object({
    passed: z.boolean(),
    failures: z.array(
      z.object({
        rule: z.enum(ruleNames),
        expected: z.string(),
        actual: z.string(),
      }),
    ),
  }),
);

const percent = (ratio: number) => `${Math.round(ratio * 1000) / 10}%`;

/** Checks a rendition (its analysis and its master's tags) against a channel's rules. */
export function checkRules(
  analysis: RasterAnalysis,
  rules: ChannelRules,
  tags: readonly string[] = [],
): PreflightResult {
  const failures: PreflightFailure[] = [];
  const longSide = Math.max(analysis.width, analysis.height);
  if (rules.minLongSide && longSide < rules.minLongSide) {
    failures.push({
      rule: "minLongSide",
      expected: `≥ ${rules.minLongSide} px`,
      actual: `${longSide} px`,
    });
  }
  const shortSide = Math.min(analysis.width, analysis.height);
  if (rules.minShortSide && shortSide < rules.minShortSide) {
    failures.push({
      rule: "minShortSide",
      expected: `≥ ${rules.minShortSide} px`,
      actual: `${shortSide} px`,
    });
  }
  if (rules.maxPixels && analysis.width * analysis.height > rules.maxPixels) {
    failures.push({
      rule: "maxPixels",
      expected: `≤ ${rules.maxPixels / 1e6} MP`,
      actual: `${((analysis.width * analysis.height) / 1e6).toFixed(1)} MP`,
    });
  }
  if (rules.minWhiteBorder && analysis.whiteBorder < rules.minWhiteBorder) {
    failures.push({
      rule: "minWhiteBorder",
      expected: `≥ ${percent(rules.minWhiteBorder)} white`,
      actual: percent(analysis.whiteBorder),
    });
  }
  if (rules.minFill && analysis.fill < rules.minFill) {
    failures.push({
      rule: "minFill",
      expected: `≥ ${percent(rules.minFill)} of the frame`,
      actual: percent(analysis.fill),
    });
  }
  const forbidden = (rules.forbiddenTags ?? []).filter((tag) =>
    tags.includes(tag),
  );
  if (forbidden.length)
    failures.push({
      rule: "forbiddenTags",
      expected: "no " + rules.forbiddenTags!.join("/"),
      actual: forbidden.join(", "),
    });
  return { passed: failures.length === 0, failures };
}

/** "98%" → "98 %": the number and unit of a rule's expected or actual text ("≥ 98% white" → "98 %"). */
function amount(text: string): string {
  const match = /(\d+(?:\.\d+)?)\s*(%|px|MP)/.exec(text);
  return match ? `${match[1]} ${match[2]}` : text;
}

/** One failure as the merchant reads it: "Needs a white border of at least 98 % (this image: 81.1 %)". */
export function describeFailure(f: PreflightFailure): string {
  const expected = amount(f.expected);
  const actual = amount(f.actual);
  switch (f.rule) {
    case "minWhiteBorder":
      return `Needs a white border of at least ${expected} (this image: ${actual})`;
    case "minFill":
      return `The product must fill at least ${expected} of the frame (this image: ${actual})`;
    case "minLongSide":
      return `Needs at least ${expected} on the long side (this image: ${actual})`;
    case "minShortSide":
      return `Needs at least ${expected} on the short side (this image: ${actual})`;
    case "maxPixels":
      return `Must be at most ${expected} (this image: ${actual})`;
    case "forbiddenTags":
      return `Images tagged ${f.actual} are not accepted on this channel`;
    default:
      return `${f.rule}: ${f.expected} (this image: ${f.actual})`;
  }
}

/** “Title”: what it needs (this image: …); … — the reason shown on a product whose image failed; null when none did. */
export function describeFailures(
  title: string,
  failures: readonly PreflightFailure[],
): string | null {
  return failures.length === 0
    ? null
    : `“${title}”: ${failures.map(describeFailure).join("; ")}`;
}
