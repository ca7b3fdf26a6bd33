// Prisma access for the catalogue mirror (Product, Variant); the import's progress rows are in
// catalogue-import.db.server.ts. Every query takes the shop. The mirror holds Shopify's fields only; PIM columns
// (family, approval) are never touched here except the family assignment of a product that has none yet.
import { createHash } from "node:crypto";
import db, { dbProvider } from "~/db.server";
import { selectedOptionsColumn, tagsColumn } from "./mirror-columns";

export interface MirrorVariant {
  shopifyId: string;
  title: string;
  sku: string | null;
  barcode: string | null;
  price: string | null;
  compareAtPrice: string | null;
  position: number;
  selectedOptions: { name: string; value: string }[];
  availableForSale: boolean;
}

export interface MirrorProduct {
  shopifyId: string;
  handle: string;
  title: string;
  descriptionHtml: string;
  vendor: string | null;
  productType: string | null;
  status: string;
  tags: string[];
  categoryId: string | null;
  shopifyUpdatedAt: Date | null;
}

/** What a products/update must change for us to care: Shopify's fields we mirror, variants in id order. */
export function mirrorDigest(
  product: MirrorProduct,
  variants: readonly MirrorVariant[],
): string {
  const { shopifyUpdatedAt: _ignored, ...fields } = product;
  const sorted = [...variants].sort((a, b) =>
    a.shopifyId.localeCompare(b.shopifyId),
  );
  return createHash("sha256")
    .update(JSON.stringify([fields, sorted]))
    .digest("hex");
}

// searchText is part of a B-tree index: PostgreSQL refuses entries over ~2.7 kB, so very long SKU lists are cut.
const SEARCH_TEXT_MAX = 1000;

function searchText(product: MirrorProduct, skus: readonly (string | null)[]) {
  return [
    product.title,
    product.handle,
    product.vendor,
    product.productType,
    ...skus,
  ]
    .filter(Boolean)
    .join(" ")
    .toLowerCase()
    .slice(0, SEARCH_TEXT_MAX);
}

/**
 * Upserts products (no variants); returns shopifyId → local id. Idempotent. Products new to the mirror (a first
 * import: thousands) are inserted by one `createMany`; known ones are updated one by one.
 */
export async function upsertMirrorProducts(
  shop: string,
  products: readonly MirrorProduct[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (products.length === 0) return ids;
  await db.$transaction(async (tx) => {
    const known = await knownIds(tx.product, shop, products);
    const byGid = new Map(products.map((p) => [p.shopifyId, p]));
    const row = (product: MirrorProduct) => ({
      ...product,
      tags: product.tags,
      searchText: searchText(product, []),
    });
    const created = await tx.product.createManyAndReturn({
      data: products
        .filter((p) => !known.has(p.shopifyId))
        .map((p) => ({ shop, ...row(p) })),
      select: { id: true, shopifyId: true },
      ...skipRacedDuplicates,
    });
    for (const c of created) ids.set(c.shopifyId, c.id);
    for (const [shopifyId, id] of known) {
      ids.set(shopifyId, id);
      await tx.product.update({
        where: { id },
        data: row(byGid.get(shopifyId)!),
        select: { id: true },
      });
    }
    // Only a row another writer inserted meanwhile (PostgreSQL, skipped above) is read again.
    const raced = products.filter((p) => !ids.has(p.shopifyId));
    if (raced.length)
      for (const [gid, id] of await knownIds(tx.product, shop, raced))
        ids.set(gid, id);
  });
  return ids;
}

/**
 * Upserts variants of already-mirrored products (`productId` is our id). Idempotent. New variants are inserted by
 * one `createMany`, known ones updated one by one.
 */
export async function upsertMirrorVariants(
  shop: string,
  variants: readonly (MirrorVariant & { productId: string })[],
): Promise<void> {
  if (variants.length === 0) return;
  await db.$transaction(async (tx) => {
    const known = await knownIds(tx.variant, shop, variants);
    await tx.variant.createMany({
      data: variants
        .filter((v) => !known.has(v.shopifyId))
        .map((v) => ({ shop, ...v })),
      ...skipRacedDuplicates,
    });
    for (const variant of variants)
      if (known.has(variant.shopifyId))
        await tx.variant.update({
          where: { id: known.get(variant.shopifyId)! },
          data: variant,
          select: { id: true },
        });
  });
}

/** Our ids of the rows already mirrored, by Shopify GID. */
async function knownIds(
  table: {
    findMany(args: {
      where: { shop: string; shopifyId: { in: string[] } };
      select: { id: true; shopifyId: true };
    }): Promise<{ id: string; shopifyId: string }[]>;
  },
  shop: string,
  rows: readonly { shopifyId: string }[],
): Promise<Map<string, string>> {
  const found = await table.findMany({
    where: { shop, shopifyId: { in: rows.map((r) => r.shopifyId) } },
    select: { id: true, shopifyId: true },
  });
  return new Map(found.map((r) => [r.shopifyId, r.id]));
}

// A webhook may insert the same product between our read and our insert: on PostgreSQL its row, as current as ours,
// stays. SQLite holds the write lock for the whole transaction (BEGIN IMMEDIATE) and refuses the option (the client
// is typed as SQLite's, hence the cast).
const skipRacedDuplicates = (
  dbProvider === "postgresql" ? { skipDuplicates: true } : {}
) as Record<never, never>;

/** Refreshes search text (SKUs join it) and digests of the given products after their variants landed. */
export async function finishMirrorProducts(
  shop: string,
  productIds: readonly string[],
): Promise<void> {
  const products = await db.product.findMany({
    where: { shop, id: { in: [...productIds] } },
    include: { variants: true },
  });
  await db.$transaction(
    products.map((p) => {
      const product = toMirrorProduct(p);
      const variants = p.variants.map(toMirrorVariant);
      return db.product.updateMany({
        where: { shop, id: p.id },
        data: {
          searchText: searchText(
            product,
            variants.map((v) => v.sku),
          ),
          mirrorDigest: mirrorDigest(product, variants),
        },
      });
    }),
  );
}

type ProductRow = Awaited<ReturnType<typeof db.product.findFirstOrThrow>>;
type VariantRow = Awaited<ReturnType<typeof db.variant.findFirstOrThrow>>;

function toMirrorProduct(p: ProductRow): MirrorProduct {
  return {
    shopifyId: p.shopifyId,
    handle: p.handle,
    title: p.title,
    descriptionHtml: p.descriptionHtml,
    vendor: p.vendor,
    productType: p.productType,
    status: p.status,
    tags: tagsColumn(p.tags),
    categoryId: p.categoryId,
    shopifyUpdatedAt: p.shopifyUpdatedAt,
  };
}

function toMirrorVariant(v: VariantRow): MirrorVariant {
  return {
    shopifyId: v.shopifyId,
    title: v.title,
    sku: v.sku,
    barcode: v.barcode,
    price: v.price,
    compareAtPrice: v.compareAtPrice,
    position: v.position,
    selectedOptions: selectedOptionsColumn(v.selectedOptions),
    availableForSale: v.availableForSale,
  };
}

/**
 * Replaces one product and its variants with Shopify's current state (variants Shopify no longer has are
 * removed). Returns our product id. Idempotent.
 */
export async function replaceMirrorProduct(
  shop: string,
  product: MirrorProduct,
  variants: readonly MirrorVariant[],
): Promise<string> {
  const ids = await upsertMirrorProducts(shop, [product]);
  const productId = ids.get(product.shopifyId)!;
  await upsertMirrorVariants(
    shop,
    variants.map((v) => ({ ...v, productId })),
  );
  await db.variant.deleteMany({
    where: {
      shop,
      productId,
      shopifyId: { notIn: variants.map((v) => v.shopifyId) },
    },
  });
  // Values of variants Shopify no longer has (values have no foreign key to Variant).
  const kept = await db.variant.findMany({
    where: { shop, productId },
    select: { id: true },
  });
  await db.attributeValue.deleteMany({
    where: {
      shop,
      productId,
      variantId: { not: null, notIn: kept.map((v) => v.id) },
    },
  });
  await finishMirrorProducts(shop, [productId]);
  return productId;
}

export async function findMirrorProduct(shop: string, shopifyId: string) {
  return db.product
    .findUnique({
      where: { shop_shopifyId: { shop, shopifyId } },
      select: {
        id: true,
        mirrorDigest: true,
        shopifyUpdatedAt: true,
        echoUpdatedAt: true,
        _count: { select: { variants: true } },
      },
    })
    .then((row) => row && { ...row, variants: row._count.variants });
}

/** Records Shopify's updatedAt without changing anything else (an echo, or a change we do not mirror). */
export async function touchMirrorProduct(
  shop: string,
  id: string,
  shopifyUpdatedAt: Date | null,
): Promise<void> {
  await db.product.updateMany({
    where: { shop, id },
    data: { shopifyUpdatedAt },
  });
}

/** products/delete. Idempotent. PIM values of the product go with it (cascade). */
export async function deleteMirrorProduct(
  shop: string,
  shopifyId: string,
): Promise<number> {
  const { count } = await db.product.deleteMany({ where: { shop, shopifyId } });
  return count;
}
