// Builders for sync-engine tests: mirror emulator products into our database, and create approved assets with
// their blobs, the way the DAM does (version row + content-addressed blob + approval with its outbox event).
import { createHash } from "node:crypto";
import { blobKey, getStorage } from "~/dam/storage.server";
import db from "~/db.server";
import { writeOutboxEvent } from "~/outbox/outbox.db.server";
import type { ShopifyEmulator } from "./emulator/emulator";

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

async function storeVersion(
  shop: string,
  assetId: string,
  number: number,
  filename: string,
  bytes: Buffer,
) {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const storageKey = blobKey(sha256);
  await getStorage().put(storageKey, bytes);
  return db.assetVersion.create({
    data: {
      shop,
      assetId,
      number,
      sha256,
      storageKey,
      filename,
      mime: filename.endsWith(".png") ? "image/png" : "image/jpeg",
      bytes: bytes.length,
    },
  });
}

async function approve(shop: string, assetId: string, versionId: string) {
  return db.$transaction(async (tx) => {
    const before = await tx.asset.findUniqueOrThrow({ where: { id: assetId } });
    await tx.asset.update({
      where: { id: assetId },
      data: { status: "APPROVED", currentVersionId: versionId },
    });
    return writeOutboxEvent(tx, {
      shop,
      topic: "asset.version-approved",
      aggregateId: assetId,
      payload: {
        assetId,
        versionId,
        previousVersionId: before.currentVersionId,
      },
    });
  });
}

/** An asset with one approved version; `approve: false` leaves it a draft. */
export async function createAsset(
  shop: string,
  title: string,
  filename: string,
  bytes: Buffer,
  options: { approve?: boolean } = {},
): Promise<{ assetId: string; versionId: string; outboxId: string | null }> {
  const asset = await db.asset.create({
    data: { shop, title, kind: "IMAGE" },
  });
  const version = await storeVersion(shop, asset.id, 1, filename, bytes);
  const outboxId =
    options.approve === false
      ? null
      : await approve(shop, asset.id, version.id);
  return { assetId: asset.id, versionId: version.id, outboxId };
}

/** Uploads and approves a new version of an asset (the replacement the buyer's test performs). */
export async function replaceAsset(
  shop: string,
  assetId: string,
  filename: string,
  bytes: Buffer,
): Promise<{ versionId: string; outboxId: string }> {
  const count = await db.assetVersion.count({ where: { assetId } });
  const version = await storeVersion(shop, assetId, count + 1, filename, bytes);
  return {
    versionId: version.id,
    outboxId: await approve(shop, assetId, version.id),
  };
}
