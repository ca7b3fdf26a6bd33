// Builders for sync-engine tests: mirror emulator products into our database, and create, replace and approve
// assets through the DAM's own use cases (ingest, new version, approval with its outbox event).
import { ingestUpload, addVersion } from "~/dam/ingest.server";
import { approveVersion } from "~/dam/versions.server";
import db from "~/db.server";
import type { ShopifyEmulator } from "../../emulator/emulator";

/** Copies the emulator's products (all, or those given) into our product mirror; returns our product ids. */
export async function mirrorFromEmulator(
  emulator: ShopifyEmulator,
  shop: string,
  productGids?: string[],
): Promise<Map<string, string>> {
  await db.shop.upsert({
    where: { shop },
    create: { shop, currencyCode: "EUR", name: "Maison Vitrine" },
    update: {},
  });
  const state = emulator.shop(shop);
  const ids = new Map<string, string>();
  for (const product of state.products.values()) {
    if (productGids && !productGids.includes(product.id)) continue;
    const row = await db.product.create({
      data: {
        shop,
        shopifyId: product.id,
        handle: product.handle,
        title: product.title,
        descriptionHtml: product.descriptionHtml,
        vendor: product.vendor,
        productType: product.productType,
        status: product.status,
        tags: product.tags,
        categoryId: product.categoryId,
        variants: {
          create: product.variantIds.map((variantId) => {
            const v = state.variants.get(variantId)!;
            return {
              shop,
              shopifyId: v.id,
              title: v.title,
              sku: v.sku,
              barcode: v.barcode,
              price: v.price,
              position: v.position,
              selectedOptions: v.selectedOptions,
            };
          }),
        },
      },
    });
    ids.set(product.id, row.id);
  }
  return ids;
}

async function latestOutboxId(shop: string, assetId: string): Promise<string> {
  const row = await db.outbox.findFirstOrThrow({
    where: { shop, aggregateId: assetId, topic: "asset.version-approved" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return row.id;
}

/** Uploads an asset through the DAM and approves it (unless `approve: false`). */
export async function createAsset(
  shop: string,
  filename: string,
  bytes: Buffer,
  options: { approve?: boolean } = {},
): Promise<{ assetId: string; versionId: string; outboxId: string | null }> {
  await db.shop.upsert({ where: { shop }, create: { shop }, update: {} });
  const result = await ingestUpload({
    shop,
    filename,
    data: bytes,
    actor: "test",
  });
  if ("duplicateOf" in result) throw new Error(`${filename} is a duplicate`);
  const ref = {
    shop,
    assetId: result.asset.id,
    versionId: result.version.id,
    actor: "test",
  };
  if (options.approve === false) return { ...ref, outboxId: null };
  await approveVersion(ref);
  return { ...ref, outboxId: await latestOutboxId(shop, ref.assetId) };
}

/** Uploads and approves a new version of an asset (the replacement the buyer's test performs). */
export async function replaceAsset(
  shop: string,
  assetId: string,
  filename: string,
  bytes: Buffer,
): Promise<{ versionId: string; outboxId: string }> {
  const { version } = await addVersion({
    shop,
    assetId,
    filename,
    data: bytes,
    actor: "test",
  });
  await approveVersion({ shop, assetId, versionId: version.id, actor: "test" });
  return {
    versionId: version.id,
    outboxId: await latestOutboxId(shop, assetId),
  };
}
