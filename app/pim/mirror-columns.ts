// The JSON columns of the catalogue mirror, parsed when read (lib/json-column.ts). The sync engine reads variants'
// selected options too: use `selectedOptionsColumn` rather than a cast.
import { z } from "zod";
import { jsonColumn } from "~/lib/json-column";

/** Variant.selectedOptions: Shopify's option name/value pairs, in the product's option order. */
export const selectedOptionsColumn = jsonColumn(
  "Variant.selectedOptions",
  z.array(z.object({ name: z.string(), value: z.string() })),
);

/** Product.tags (null for products mirrored before tags were kept). */
export const tagsColumn = jsonColumn(
  "Product.tags",
  z
    .array(z.string())
    .nullable()
    .transform((tags) => tags ?? []),
);
