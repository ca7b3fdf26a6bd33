// zod schemas for the DAM's route inputs: library search (query string) and the actions of the library and the
// asset page (form data). Shared by routes and tests.
import { z } from "zod";
import { jsonColumn } from "~/lib/json-column";

const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) =>
      v === undefined || v === ""
        ? undefined
        : Array.isArray(v)
          ? v
          : String(v).split(","),
    z.array(item).optional(),
  );

const optionalInt = z.preprocess(
  (v) => (v === "" || v == null ? undefined : v),
  z.coerce.number().int().min(0).optional(),
);
const optionalDate = z.preprocess(
  (v) => (v === "" || v == null ? undefined : v),
  z.coerce.date().optional(),
);
const optionalText = z.preprocess(
  (v) => (v === "" || v == null ? undefined : v),
  z.string().trim().max(200).optional(),
);

export const assetStatuses = [
  "DRAFT",
  "IN_REVIEW",
  "APPROVED",
  "ARCHIVED",
] as const;
export const assetKinds = ["IMAGE", "VIDEO", "DOCUMENT", "MODEL_3D"] as const;
export const assetSorts = ["newest", "oldest", "title", "largest"] as const;
export const assetOrientations = ["LANDSCAPE", "PORTRAIT", "SQUARE"] as const;

export const assetSearchSchema = z.object({
  q: optionalText,
  status: list(z.enum(assetStatuses)),
  kind: list(z.enum(assetKinds)),
  tag: optionalText,
  collectionId: optionalText,
  orientation: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(assetOrientations).optional(),
  ),
  minBytes: optionalInt,
  maxBytes: optionalInt,
  expiringWithinDays: optionalInt,
  uploadedBy: optionalText,
  uploadedFrom: optionalDate,
  uploadedTo: optionalDate,
  sort: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(assetSorts).optional(),
  ),
  cursor: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.string().max(500).optional(),
  ),
  limit: z.preprocess(
    (v) => (v === "" || v == null ? undefined : v),
    z.coerce.number().int().min(1).max(200).optional(),
  ),
});
export type AssetSearch = z.infer<typeof assetSearchSchema>;

/** Parses the library's query string; repeated keys become lists. */
export function parseAssetSearch(params: URLSearchParams): AssetSearch {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    raw[key] = values.length > 1 ? values : values[0];
  }
  return assetSearchSchema.parse(raw);
}

// Messages the merchant reads under the field (zod's own read "Too small: expected string to have >=1 characters").
const tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter a tag.")
  .max(60, "Keep a tag to 60 characters or fewer.");
const collection = z
  .string()
  .trim()
  .min(1, "Enter a collection name.")
  .max(100, "Keep a collection name to 100 characters or fewer.");
const ids = z.preprocess(
  (v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v),
  z.array(z.string().min(1).max(40)).min(1).max(500),
);

/** Bulk actions of the library. */
export const libraryActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), ids }),
  z.object({ intent: z.literal("archive"), ids }),
  z.object({ intent: z.literal("tag"), ids, tag }),
  z.object({
    intent: z.literal("collect"),
    ids,
    collection,
  }),
]);

const nullableText = (max: number, what: string) =>
  z.preprocess(
    (v) => (v === "" ? null : v),
    z
      .string()
      .trim()
      .max(max, `Keep ${what} to ${max} characters or fewer.`)
      .nullable()
      .optional(),
  );
const nullableDate = z.preprocess(
  (v) => (v === "" ? null : v),
  z.coerce
    .date({ message: "Enter a date, like 2026-12-31." })
    .nullable()
    .optional(),
);

/** Actions of the asset page. */
export const assetActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), versionId: z.string().min(1) }),
  z.object({ intent: z.literal("restore"), versionId: z.string().min(1) }),
  z.object({ intent: z.literal("submit-for-review") }),
  z.object({ intent: z.literal("archive") }),
  z.object({ intent: z.literal("unarchive") }),
  z.object({ intent: z.literal("add-tag"), tag }),
  z.object({ intent: z.literal("remove-tag"), tag }),
  z.object({
    intent: z.literal("collect"),
    collection,
  }),
  z.object({
    intent: z.literal("details"),
    title: z
      .string()
      .trim()
      .min(1, "Enter a title.")
      .max(200, "Keep the title to 200 characters or fewer."),
    rightsOwner: nullableText(200, "the rights owner"),
    licence: nullableText(200, "the licence"),
    usageNotes: nullableText(2000, "the usage notes"),
    validFrom: nullableDate,
    validUntil: nullableDate,
  }),
  z.object({
    intent: z.literal("alt-text"),
    locale: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/),
    text: z
      .string()
      .trim()
      .max(512, "Keep alt text to 512 characters or fewer (Shopify's limit)."),
  }),
]);
export type AssetAction = z.infer<typeof assetActionSchema>;

/** Asset.altText as stored: locale → text (null before any was set). */
export const altTextColumn = jsonColumn(
  "Asset.altText",
  z
    .record(z.string(), z.string())
    .nullable()
    .transform((texts) => texts ?? {}),
);
