// Embedded metadata kept on a version: a deliberate subset. GPS, serial numbers, owner names and maker notes are
// never read, so they can neither be shown nor leak into renditions or exports.
// The EXIF, XMP and IPTC blocks are located and extracted by libvips (decode.server.ts), never by parsing the file
// ourselves: exifr, given a whole PNG, inflates its colour-profile and compressed text chunks with no size limit
// (a 200 KB PNG cost 14 s and 370 MB). exifr only interprets the already-extracted, size-capped blocks.
import exifr from "exifr";
import { metadataBlocks, type ImageInput } from "./decode.server";

/** Blocks larger than this are ignored (real EXIF fits JPEG's 64 KB segment; XMP packets are a few KB). */
const MAX_BLOCK_BYTES = 256 * 1024;

const PICK = [
  "Make",
  "Model",
  "LensModel",
  "ExposureTime",
  "FNumber",
  "ISO",
  "FocalLength",
  "DateTimeOriginal",
  "Software",
  // IPTC / XMP rights and description fields a creative team relies on.
  "Copyright",
  "Artist",
  "Creator",
  "creator",
  "rights",
  "Credit",
  "Headline",
  "Caption",
  "ObjectName",
  "Keywords",
  "title",
  "description",
] as const;

export type EmbeddedMetadata = Record<string, string | number | string[]>;

function plain(value: unknown): string | number | string[] | undefined {
  if (value == null) return undefined;
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value === "number")
    return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string") {
    // Text is stored as is in JSON columns: NUL and other control characters (PostgreSQL refuses \u0000 in
    // jsonb) are dropped, and the rest is cut to a length a details panel can show.
    const clean = value
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "")
      .trim();
    return clean ? clean.slice(0, 500) : undefined;
  }
  if (Array.isArray(value))
    return value
      .map((v) => String(plain(v) ?? ""))
      .filter(Boolean)
      .slice(0, 50);
  if (typeof value === "object" && "value" in value)
    return plain((value as { value: unknown }).value);
  return undefined;
}

const OPTIONS = {
  pick: [...PICK],
  gps: false,
  tiff: true,
  exif: true,
  iptc: true,
  xmp: true,
  icc: false,
  makerNote: false,
  userComment: false,
};

const usable = (block: Buffer | undefined): block is Buffer =>
  !!block && block.length > 0 && block.length <= MAX_BLOCK_BYTES;

/** XMP comes back per namespace ({ dc: { title, creator } }): lift the fields to the top, as for EXIF. */
function flattenXmp(parsed: Record<string, unknown> | undefined) {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed ?? {})) {
    if (key === "xmlns") continue;
    if (
      value &&
      typeof value === "object" &&
      !Array.isArray(value) &&
      !("value" in value)
    )
      Object.assign(out, value);
    else out[key] = value;
  }
  return out;
}

async function parsed(input: ImageInput): Promise<Record<string, unknown>> {
  const { exif, xmp, iptc } = await metadataBlocks(input);
  const out: Record<string, unknown> = {};
  const quietly = async (work: () => Promise<unknown>) => {
    try {
      return (await work()) as Record<string, unknown> | undefined;
    } catch {
      // Damaged metadata does not make the image unusable; sharp's decode decides that.
      return undefined;
    }
  };
  if (usable(iptc))
    Object.assign(
      out,
      await quietly(() => exifr.sidecar(iptc, OPTIONS, "iptc")),
    );
  if (usable(xmp))
    Object.assign(
      out,
      flattenXmp(await quietly(() => exifr.sidecar(xmp, OPTIONS, "xmp"))),
    );
  if (usable(exif)) {
    // JPEG's APP1 block starts with "Exif\0\0"; what follows (and PNG's eXIf chunk) is a TIFF structure.
    const tiff =
      exif.subarray(0, 6).toString("latin1") === "Exif\0\0"
        ? exif.subarray(6)
        : exif;
    Object.assign(out, await quietly(() => exifr.parse(tiff, OPTIONS)));
  }
  return out;
}

/** Reads the subset; returns {} for files without metadata or whose metadata cannot be parsed (it is optional). */
export async function readEmbeddedMetadata(
  input: ImageInput,
): Promise<EmbeddedMetadata> {
  const found = await parsed(input);
  const out: EmbeddedMetadata = {};
  for (const key of PICK) {
    const value = plain(found[key]);
    if (value !== undefined && !(Array.isArray(value) && value.length === 0))
      out[key] = value;
  }
  return out;
}
