// Embedded metadata kept on a version: a deliberate subset. GPS, serial numbers, owner names and maker notes are
// never read, so they can neither be shown nor leak into renditions or exports.
import exifr from "exifr";

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
  if (typeof value === "string") return value.slice(0, 500);
  if (Array.isArray(value))
    return value
      .map((v) => String(plain(v) ?? ""))
      .filter(Boolean)
      .slice(0, 50);
  if (typeof value === "object" && "value" in value)
    return plain((value as { value: unknown }).value);
  return undefined;
}

/** Reads the subset; returns {} for files without metadata or that exifr cannot parse (metadata is optional). */
export async function readEmbeddedMetadata(
  file: string | Buffer,
): Promise<EmbeddedMetadata> {
  let parsed: Record<string, unknown> | undefined;
  try {
    parsed = (await exifr.parse(file, {
      pick: [...PICK],
      gps: false,
      tiff: true,
      exif: true,
      iptc: true,
      xmp: true,
      icc: false,
      makerNote: false,
      userComment: false,
    })) as Record<string, unknown> | undefined;
  } catch {
    // Damaged metadata does not make the image unusable; sharp's decode decides that.
    return {};
  }
  const out: EmbeddedMetadata = {};
  for (const key of PICK) {
    const value = plain(parsed?.[key]);
    if (value !== undefined && !(Array.isArray(value) && value.length === 0))
      out[key] = value;
  }
  return out;
}
