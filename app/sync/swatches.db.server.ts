// Prisma access for swatches: the colour values of a product's Colour option with the packshot that shows each
// (the first approved image linked to a variant of that colour), and the shop-wide Swatch rows.
import db from "~/db.server";

/** Option names that hold a colour (Shopify's taxonomy attribute is "Color"). */
export const COLOUR_OPTION = /^(colou?r|couleur|farbe|colore)$/i;

export interface SwatchSource {
  label: string;
  handle: string;
  /** The packshot's subject colour ("#rrggbb"), when a packshot is linked. */
  color: string | null;
  assetId: string | null;
  fileGid: string | null;
}

/** A metaobject handle from an option value: "Camel Melange" → "camel-melange". */
export function swatchHandle(label: string): string {
  return (
    label
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "colour"
  ).slice(0, 64);
}

/**
 * The product's colour option name and, per value in variant order, what its swatch is made of. Null when the
 * product (of this shop) has no colour option.
 */
export async function swatchSources(
  shop: string,
  productId: string,
): Promise<{
  productGid: string;
  optionName: string;
  values: SwatchSource[];
} | null> {
  const product = await db.product.findFirst({
    where: { shop, id: productId },
    select: {
      shopifyId: true,
      variants: {
        select: { id: true, selectedOptions: true },
        orderBy: { position: "asc" },
      },
      assetLinks: {
        where: {
          variantId: { not: "" },
          asset: { status: "APPROVED", currentVersionId: { not: null } },
        },
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        select: {
          variantId: true,
          asset: {
            select: {
              id: true,
              currentVersion: { select: { dominantColor: true } },
              shopifyFile: { select: { fileGid: true } },
            },
          },
        },
      },
    },
  });
  if (!product) return null;
  let optionName: string | null = null;
  const values = new Map<string, SwatchSource>();
  for (const variant of product.variants) {
    const options = variant.selectedOptions as {
      name: string;
      value: string;
    }[];
    const colour = options.find((o) => COLOUR_OPTION.test(o.name));
    if (!colour) continue;
    optionName ??= colour.name;
    const link = product.assetLinks.find((l) => l.variantId === variant.id);
    const known = values.get(colour.value);
    if (known?.assetId) continue;
    values.set(colour.value, {
      label: colour.value,
      handle: swatchHandle(colour.value),
      color: link?.asset.currentVersion?.dominantColor ?? null,
      assetId: link?.asset.id ?? null,
      fileGid: link?.asset.shopifyFile[0]?.fileGid ?? null,
    });
  }
  if (!optionName) return null;
  return {
    productGid: product.shopifyId,
    optionName,
    values: [...values.values()],
  };
}

/** The shop's swatches by handle. */
export async function shopSwatches(shop: string, handles: readonly string[]) {
  const rows = await db.swatch.findMany({
    where: { shop, handle: { in: [...handles] } },
  });
  return new Map(rows.map((r) => [r.handle, r]));
}

/** How many swatches the shop has on Shopify. */
export async function shopSwatchCount(shop: string): Promise<number> {
  return db.swatch.count({ where: { shop, metaobjectId: { not: null } } });
}

/** Records a swatch as written to Shopify. */
export async function saveSwatch(
  shop: string,
  swatch: {
    label: string;
    handle: string;
    color: string | null;
    assetId: string | null;
    fileGid: string | null;
    metaobjectId: string;
  },
): Promise<void> {
  await db.swatch.upsert({
    where: { shop_handle: { shop, handle: swatch.handle } },
    create: { shop, ...swatch },
    update: swatch,
  });
}

/** The focal point of a swatch's packshot detail (0..1 of the width and height). */
export interface CropPoint {
  x: number;
  y: number;
}

/** A swatch row's crop point; null: the centre. */
export const cropPointOf = (row: {
  cropX: number | null;
  cropY: number | null;
}): CropPoint | null =>
  row.cropX === null || row.cropY === null
    ? null
    : { x: row.cropX, y: row.cropY };

/** Sets the focal point of a value's swatch detail (the row is created when the swatch is not written yet). */
export async function saveSwatchCropPoint(
  shop: string,
  swatch: { label: string; handle: string },
  point: CropPoint,
): Promise<void> {
  await db.swatch.upsert({
    where: { shop_handle: { shop, handle: swatch.handle } },
    create: { shop, ...swatch, cropX: point.x, cropY: point.y },
    update: { cropX: point.x, cropY: point.y },
  });
}

export interface ProductSwatch {
  label: string;
  color: string | null;
  /** Whether the swatch's entry is on Shopify. */
  written: boolean;
  /** Where the packshot detail is centred (a value without a colour); null: the centre. */
  cropPoint: CropPoint | null;
  /** Whether the swatch image is a detail of a packshot (no colour, a packshot linked). */
  cropped: boolean;
}

/** The product's colour values with their swatch, for the product page. */
export async function productSwatches(
  shop: string,
  productId: string,
): Promise<ProductSwatch[]> {
  const sources = await swatchSources(shop, productId);
  if (!sources) return [];
  const rows = await shopSwatches(
    shop,
    sources.values.map((v) => v.handle),
  );
  return sources.values.map((v) => {
    const row = rows.get(v.handle);
    const color = row?.color ?? v.color;
    return {
      label: v.label,
      color,
      written: Boolean(row?.metaobjectId),
      cropPoint: row ? cropPointOf(row) : null,
      cropped: !color && v.assetId !== null,
    };
  });
}

/** Where the asset's current version's master is stored, for a swatch detail crop; null when it has none. */
export async function packshotMasterKey(
  shop: string,
  assetId: string,
): Promise<string | null> {
  const asset = await db.asset.findFirst({
    where: { shop, id: assetId },
    select: { currentVersion: { select: { storageKey: true } } },
  });
  return asset?.currentVersion?.storageKey ?? null;
}

/** Which of these Shopify files a swatch of the shop still shows (orphan sweep of swatch crops). */
export async function swatchFilesInUse(
  shop: string,
  fileGids: readonly string[],
): Promise<Set<string>> {
  const rows = await db.swatch.findMany({
    where: { shop, fileGid: { in: [...fileGids] } },
    select: { fileGid: true },
  });
  return new Set(rows.map((r) => r.fileGid!));
}
