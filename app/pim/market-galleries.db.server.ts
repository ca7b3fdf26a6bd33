// Per-market galleries: a variant's images for one market, chosen among the approved assets linked to the
// product (so each already has its Shopify file). Published by the translation run as a market-specific
// translation of the variant's `$app.gallery` metafield (see README "Languages, markets and swatches").
import { z } from "zod";
import db from "~/db.server";
import { Invalid, NotFound } from "~/lib/errors";
import { shopifyGid } from "~/lib/ids";

export const marketGalleryInput = z.object({
  productId: z.string().min(1),
  variantId: z.string().min(1),
  marketId: shopifyGid("Market"),
  /** Empty removes the market's gallery (the variant shows its own everywhere). */
  assetIds: z.array(z.string().min(1)).max(50),
});
export type MarketGalleryInput = z.infer<typeof marketGalleryInput>;

/**
 * Sets (or with no assets, removes) a variant's gallery for a market. Throws `NotFound` for another shop's
 * product or variant, `Invalid` for an asset not approved and linked to the product. Idempotent.
 */
export async function setMarketGallery(
  shop: string,
  raw: MarketGalleryInput,
): Promise<void> {
  const input = marketGalleryInput.parse(raw);
  const variant = await db.variant.findFirst({
    where: { shop, id: input.variantId, productId: input.productId },
    select: { id: true },
  });
  if (!variant) throw new NotFound(`variant ${input.variantId} not found`);
  const key = {
    shop_variantId_marketId: {
      shop,
      variantId: input.variantId,
      marketId: input.marketId,
    },
  };
  if (input.assetIds.length === 0) {
    await db.marketGallery.deleteMany({ where: key.shop_variantId_marketId });
    return;
  }
  const linked = await db.assetLink.findMany({
    where: {
      shop,
      productId: input.productId,
      assetId: { in: input.assetIds },
      asset: { status: "APPROVED" },
    },
    select: { assetId: true },
  });
  const ok = new Set(linked.map((l) => l.assetId));
  const bad = input.assetIds.filter((id) => !ok.has(id));
  if (bad.length)
    throw new Invalid(
      `Assets must be approved and linked to the product: ${bad.join(", ")}`,
      { assetIds: ["Choose approved images linked to this product"] },
    );
  const data = { productId: input.productId, assetIds: input.assetIds };
  await db.marketGallery.upsert({
    where: key,
    create: {
      shop,
      variantId: input.variantId,
      marketId: input.marketId,
      ...data,
    },
    update: data,
  });
}

export interface MarketGallerySource {
  variantGid: string;
  marketId: string;
  /** The Shopify files of the gallery's images, in order; assets without a file yet are left out. */
  fileGids: string[];
  missing: number;
}

/** The product's market galleries with the Shopify files of their images. */
export async function marketGallerySources(
  shop: string,
  productId: string,
): Promise<MarketGallerySource[]> {
  const rows = await db.marketGallery.findMany({
    where: { shop, productId },
    orderBy: [{ variantId: "asc" }, { marketId: "asc" }],
  });
  if (rows.length === 0) return [];
  const assetIds = rows.flatMap((r) => r.assetIds as string[]);
  const [files, variants] = await Promise.all([
    db.shopifyFile.findMany({
      where: { shop, assetId: { in: assetIds } },
      select: { assetId: true, fileGid: true },
    }),
    db.variant.findMany({
      where: { shop, id: { in: rows.map((r) => r.variantId) } },
      select: { id: true, shopifyId: true },
    }),
  ]);
  const fileOf = new Map(files.map((f) => [f.assetId, f.fileGid]));
  const gidOf = new Map(variants.map((v) => [v.id, v.shopifyId]));
  return rows.flatMap((row) => {
    const variantGid = gidOf.get(row.variantId);
    if (!variantGid) return [];
    const ids = row.assetIds as string[];
    const fileGids = ids
      .map((id) => fileOf.get(id))
      .filter((g): g is string => !!g);
    return [
      {
        variantGid,
        marketId: row.marketId,
        fileGids,
        missing: ids.length - fileGids.length,
      },
    ];
  });
}
