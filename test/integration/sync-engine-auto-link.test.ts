// Automatic links: an approved image named {SKU}_{role}_{n} is linked to that variant and published.
import { describe, expect, it } from "vitest";
import db from "~/db.server";
import { DEMO_SHOP } from "../../emulator/seed/seed";
import { useSyncEngineShop } from "../support/sync-engine";
import { createAsset } from "../support/sync";
import { eventually } from "../support/wait";

const stage = useSyncEngineShop();
const { packshot } = stage;

describe("auto-linking by file name", () => {
  it("links an approved {SKU}_{role}_{n} image to that variant and publishes it", async () => {
    const variant = await db.variant.findFirstOrThrow({
      where: { productId: stage.coat.id, sku: { not: null } },
      orderBy: { position: "desc" },
    });
    const asset = await createAsset(
      DEMO_SHOP,
      `${variant.sku}_back_1.jpg`,
      await packshot("auto-back"),
    );
    const links = await eventually(
      () => db.assetLink.findMany({ where: { assetId: asset.assetId } }),
      (rows) => rows.length === 1,
      { what: "the automatic link" },
    );
    expect(links[0]).toMatchObject({
      productId: stage.coat.id,
      variantId: variant.id,
      role: "BACK",
      position: 0,
    });
    await eventually(
      () =>
        db.shopifyFile.findUnique({
          where: { shop_assetId: { shop: DEMO_SHOP, assetId: asset.assetId } },
        }),
      (file) => Boolean(file?.versionId),
      { what: "the auto-linked image in Shopify" },
    );
  });

  it("leaves an image whose name does not follow the convention unlinked", async () => {
    const asset = await createAsset(
      DEMO_SHOP,
      "moodboard-autumn.jpg",
      await packshot("mood"),
    );
    // The dispatcher is where automatic links are made: wait until it dispatched the approval.
    await eventually(
      () => db.outbox.findUniqueOrThrow({ where: { id: asset.outboxId! } }),
      (row) => row.dispatchedAt !== null,
      { what: "the approval dispatched" },
    );
    expect(
      await db.assetLink.count({ where: { assetId: asset.assetId } }),
    ).toBe(0);
  });
});
