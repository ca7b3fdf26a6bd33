// The buyer's test, end to end through real Redis, the real database and the store emulator: link approved
// images to variants, publish to every channel, replace an image and watch every listing update.
import { describe, expect, it } from "vitest";
import db from "~/db.server";
import { googleFeedXml } from "~/sync/channels/google.server";
import { replacementImpact } from "~/sync/dispatch.server";
import { usedBy } from "~/sync/asset-links.db.server";
import { linkAssetsByOption } from "~/sync/links.db.server";
import { DEMO_SHOP } from "../../emulator/seed/seed";
import { allLive, states, useSyncEngineShop } from "../support/sync-engine";
import { createAsset, replaceAsset } from "../support/sync";
import { eventually } from "../support/wait";

const stage = useSyncEngineShop();
const { emulator, packshot, receiver, storefront } = stage;

describe("publishing and replacing an image on every channel", () => {
  let assetId: string;
  let fileGid: string;

  it("publishes a linked image to the storefront variants, the Google feed and the marketplace", async () => {
    const asset = await createAsset(
      DEMO_SHOP,
      "coat-front.jpg",
      await packshot("v1"),
    );
    assetId = asset.assetId;
    // Alt text per locale from the DAM; Shopify gets the shop's language.
    await db.asset.update({
      where: { id: assetId },
      data: { altText: { en: "Wrap coat, front", fr: "Manteau, face" } },
    });
    const linked = await linkAssetsByOption(DEMO_SHOP, {
      assetIds: [assetId],
      optionName: "Colour",
      optionValue: stage.colour.name,
      role: "FRONT",
      productIds: [stage.coat.id],
    });
    expect(linked.variants).toBeGreaterThan(0);

    await eventually(() => states(stage.coat.id), allLive, {
      what: "all channels live",
    });
    const file = await db.shopifyFile.findUniqueOrThrow({
      where: { shop_assetId: { shop: DEMO_SHOP, assetId } },
    });
    fileGid = file.fileGid;
    expect(emulator.shop(DEMO_SHOP).files.get(fileGid)!.alt).toBe(
      "Wrap coat, front",
    );

    const view = await storefront(stage.coat.handle);
    const camelVariants = await db.variant.findMany({
      where: { productId: stage.coat.id, selectedOptions: { not: "null" } },
    });
    const linkedIds = camelVariants
      .filter((v) =>
        (v.selectedOptions as { value: string }[]).some(
          (o) => o.value === stage.colour.name,
        ),
      )
      .map((v) => Number(v.shopifyId.split("/").pop()));
    expect(linkedIds.length).toBe(linked.variants);
    for (const variant of view.variants.filter((v) =>
      linkedIds.includes(v.id),
    )) {
      expect(variant.featured_image?.id).toBe(Number(fileGid.split("/").pop()));
    }
    expect(
      view.media.filter((m) => m.id === Number(fileGid.split("/").pop())),
    ).toHaveLength(1);

    const feed = await googleFeedXml(DEMO_SHOP);
    const v1 = await db.assetVersion.findUniqueOrThrow({
      where: { id: asset.versionId },
    });
    expect(feed).toContain(`${v1.sha256}.google.v1.jpg`);
    const sku = camelVariants.find((v) =>
      linkedIds.includes(Number(v.shopifyId.split("/").pop())),
    )!.sku!;
    expect(receiver.listings.get(sku)?.images.main).toContain(
      `${v1.sha256}.marketplace-main.v1.jpg`,
    );
  });

  it("previews what a replacement will affect", async () => {
    const impact = await replacementImpact(DEMO_SHOP, assetId);
    const used = await usedBy(DEMO_SHOP, assetId);
    expect(impact).toEqual({
      products: 1,
      variants: used.variantCount,
      channels: ["SHOPIFY_STOREFRONT", "GOOGLE_MERCHANT", "MARKETPLACE"],
    });
  });

  it("replaces the image in place: same file, same references, new content on every channel", async () => {
    const before = await storefront(stage.coat.handle);
    const srcBefore = before.media.find(
      (m) => String(m.id) === fileGid.split("/").pop(),
    )!.src;
    const productReads = () =>
      emulator.operationCounts(DEMO_SHOP).get("StorefrontProductObservation") ??
      0;
    const readsBefore = productReads();
    const { versionId, outboxId } = await replaceAsset(
      DEMO_SHOP,
      assetId,
      "coat-front-v2.jpg",
      await packshot("v2"),
    );

    await eventually(
      () => db.syncHop.findMany({ where: { outboxId } }),
      (hops) => hops.length === 3 && hops.every((h) => h.outcome === "LIVE"),
      { what: "replacement live on every channel" },
    );
    // The storefront run read the product once, before its push: the replaced file's new content was then read
    // back from the file itself (the product's media, variant images and metafields were untouched). Every
    // product read of a 12-variant coat costs ~100 points of the shop's bucket; three of them per product (read,
    // re-read after the upload, read-back) were most of a replacement's wait on the Standard plan.
    expect(productReads() - readsBefore).toBe(1);
    const hops = await db.syncHop.findMany({ where: { outboxId } });
    for (const hop of hops) {
      expect(hop.enqueuedAt!.getTime()).toBeGreaterThanOrEqual(
        hop.approvedAt.getTime(),
      );
      expect(hop.liveAt!.getTime()).toBeGreaterThanOrEqual(
        hop.pushedAt!.getTime(),
      );
    }

    const file = await db.shopifyFile.findUniqueOrThrow({
      where: { shop_assetId: { shop: DEMO_SHOP, assetId } },
    });
    expect(file).toMatchObject({ fileGid, versionId });
    const after = await storefront(stage.coat.handle);
    const media = after.media.find(
      (m) => String(m.id) === fileGid.split("/").pop(),
    )!;
    expect(media.src).not.toBe(srcBefore);
    expect(after.media).toHaveLength(before.media.length);
    expect(after.variants.map((v) => v.featured_image?.id)).toEqual(
      before.variants.map((v) => v.featured_image?.id),
    );

    const v2 = await db.assetVersion.findUniqueOrThrow({
      where: { id: versionId },
    });
    expect(await googleFeedXml(DEMO_SHOP)).toContain(
      `${v2.sha256}.google.v1.jpg`,
    );
    const listing = [...receiver.listings.values()].find((l) =>
      l.images.main.includes(v2.sha256),
    );
    expect(listing).toBeDefined();
  });

  it("ends on the later version when two replacements follow each other quickly", async () => {
    await replaceAsset(
      DEMO_SHOP,
      assetId,
      "coat-front-v3.jpg",
      await packshot("v3"),
    );
    const last = await replaceAsset(
      DEMO_SHOP,
      assetId,
      "coat-front-v4.jpg",
      await packshot("v4"),
    );
    await eventually(
      () => db.syncHop.findMany({ where: { outboxId: last.outboxId } }),
      (hops) => hops.length === 3 && hops.every((h) => h.outcome === "LIVE"),
      { what: "the later replacement live on every channel" },
    );
    await eventually(() => states(stage.coat.id), allLive, {
      what: "all channels live after two replacements",
    });
    const file = await db.shopifyFile.findUniqueOrThrow({
      where: { shop_assetId: { shop: DEMO_SHOP, assetId } },
    });
    expect(file.versionId).toBe(last.versionId);
    const v4 = await db.assetVersion.findUniqueOrThrow({
      where: { id: last.versionId },
    });
    const feed = await googleFeedXml(DEMO_SHOP);
    expect(feed).toContain(`${v4.sha256}.google.v1.jpg`);
    // Shopify serves exactly the storefront rendition of v4.
    const rendition = await db.rendition.findFirstOrThrow({
      where: {
        shop: DEMO_SHOP,
        versionId: last.versionId,
        profileId: { startsWith: "storefront" },
      },
    });
    expect(emulator.shop(DEMO_SHOP).files.get(fileGid)!.ready?.size).toBe(
      rendition.bytes,
    );
  });

  it("keeps replacing in place when a new version comes in another format (converted to the file's extension)", async () => {
    const { versionId } = await replaceAsset(
      DEMO_SHOP,
      assetId,
      "coat-front-v5.png",
      await packshot("v5", "png"),
    );
    await eventually(
      () =>
        db.shopifyFile.findUnique({
          where: { shop_assetId: { shop: DEMO_SHOP, assetId } },
        }),
      (f) => f?.versionId === versionId,
      { what: "the png version in the jpg file" },
    );
    await eventually(() => states(stage.coat.id), allLive, {
      what: "all channels live after a png replacement",
    });
    const file = await db.shopifyFile.findUniqueOrThrow({
      where: { shop_assetId: { shop: DEMO_SHOP, assetId } },
    });
    expect(file).toMatchObject({ fileGid, extension: "jpg" });
    const shopifyFile = emulator.shop(DEMO_SHOP).files.get(fileGid)!;
    expect(shopifyFile.ready?.mimeType).toBe("image/jpeg");
    expect(shopifyFile.ready?.size).toBe(file.fileSize);
    const ours = [...emulator.shop(DEMO_SHOP).files.values()].filter((f) =>
      f.filename.startsWith(`vitrine-${assetId}`),
    );
    expect(ours.map((f) => f.id)).toEqual([fileGid]);
  });
});
