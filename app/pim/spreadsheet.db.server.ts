// Prisma access for spreadsheet import/export: owners by SKU or handle, values of the products to export.
import db from "~/db.server";
import { chunks } from "~/lib/chunks";
import {
  parseProductsIndexQuery,
  productsWhere,
  type ProductsIndexQuery,
} from "./products-index.db.server";
import { draftSelect, valueKey } from "./value-edits";
import { defaultLocale } from "./values.db.server";

export interface SheetOwner {
  productId: string;
  variantId: string | null;
}

export async function findVariantsBySku(
  shop: string,
  skus: readonly string[],
): Promise<Map<string, SheetOwner>> {
  const out = new Map<string, SheetOwner>();
  for (const batch of chunks([...new Set(skus)], 500)) {
    const rows = await db.variant.findMany({
      where: { shop, sku: { in: batch } },
      select: { id: true, sku: true, productId: true },
    });
    for (const row of rows)
      out.set(row.sku!, { productId: row.productId, variantId: row.id });
  }
  return out;
}

export async function findProductsByHandle(
  shop: string,
  handles: readonly string[],
): Promise<Map<string, SheetOwner>> {
  const out = new Map<string, SheetOwner>();
  for (const batch of chunks([...new Set(handles)], 500)) {
    const rows = await db.product.findMany({
      where: { shop, handle: { in: batch } },
      select: { id: true, handle: true },
    });
    for (const row of rows)
      out.set(row.handle, { productId: row.id, variantId: null });
  }
  return out;
}

/**
 * The stored drafts of these products, keyed like the value's unique index (value-edits.ts `valueKey`), and the
 * shop's primary locale (where an edit without a locale lands). Lets an import count only what it would change.
 */
export async function currentDrafts(
  shop: string,
  productIds: readonly string[],
): Promise<{ drafts: Map<string, string | null>; primaryLocale: string }> {
  const drafts = new Map<string, string | null>();
  for (const batch of chunks([...new Set(productIds)], 500)) {
    const rows = await db.attributeValue.findMany({
      where: { shop, productId: { in: batch } },
      select: draftSelect,
    });
    for (const row of rows) drafts.set(valueKey(row), row.draft);
  }
  return { drafts, primaryLocale: await defaultLocale(shop) };
}

/** Products matching the index filters (every page), with variants and working values. */
export async function valuesForExport(
  shop: string,
  query: ProductsIndexQuery = parseProductsIndexQuery(new URLSearchParams()),
) {
  const locale = await defaultLocale(shop);
  const where = productsWhere(shop, query);
  const products = await db.product.findMany({
    where,
    orderBy: { handle: "asc" },
    take: 20_000,
    select: {
      id: true,
      handle: true,
      title: true,
      variants: {
        orderBy: { position: "asc" },
        select: { id: true, sku: true, selectedOptions: true },
      },
      values: {
        where: { draft: { not: null } },
        select: {
          variantId: true,
          attributeId: true,
          locale: true,
          channel: true,
          draft: true,
        },
      },
    },
  });
  return products.map((p) => ({ ...p, defaultLocale: locale }));
}
