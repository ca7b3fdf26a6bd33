// What each channel lists: pre-flight blocks only the channel whose rules an image breaks, and a Draft product is
// in sync but never called live.
import { describe, expect, it } from "vitest";
import db from "~/db.server";
import { shopChannels } from "~/sync/channels/channels.db.server";
import { googleFeedXml } from "~/sync/channels/google.server";
import { linkAssets } from "~/sync/links.db.server";
import { studioImage } from "../../emulator/seed/images";
import { DEMO_SHOP } from "../../emulator/seed/seed";
import { states, useSyncEngineShop } from "../support/sync-engine";
import { createAsset } from "../support/sync";
import { eventually } from "../support/wait";

const stage = useSyncEngineShop();
const { emulator, packshot } = stage;

describe("pre-flight", () => {
  it("blocks only the marketplace when the main image is not on a white background", async () => {
    const other = (
      await db.product.findFirstOrThrow({
        where: {
          shop: DEMO_SHOP,
          status: "ACTIVE",
          id: { not: stage.coat.id },
        },
      })
    ).id;
    const studio = await createAsset(
      DEMO_SHOP,
      "lifestyle.jpg",
      await studioImage({
        family: "coat",
        colour: stage.colour,
        role: "lifestyle",
        width: 1200,
        height: 1500,
      }),
    );
    await linkAssets(DEMO_SHOP, {
      assetIds: [studio.assetId],
      productId: other,
      role: "LIFESTYLE",
    });
    const rows = await eventually(
      () => states(other),
      (r) =>
        r.length === 3 &&
        r.every((s) => s.status !== "PENDING" && s.status !== "SYNCING"),
      { what: "settled states" },
    );
    const byChannel = Object.fromEntries(rows.map((r) => [r.channel, r]));
    expect(byChannel.MARKETPLACE).toMatchObject({
      status: "BLOCKED",
      reason: expect.stringMatching(
        /Needs a white border of at least 98 % \(this image: [\d.]+ %\)/,
      ),
    });
    expect(byChannel.SHOPIFY_STOREFRONT!.status).toBe("LIVE");
    expect(byChannel.GOOGLE_MERCHANT!.status).toBe("LIVE");
    expect((await shopChannels(DEMO_SHOP)).marketplace.enabled).toBe(true);
  });
});

describe("live means observed", () => {
  it("never calls a Draft product live: it is in sync but not listed, and says why", async () => {
    const draft = await db.product.findFirstOrThrow({
      where: { shop: DEMO_SHOP, status: "DRAFT" },
    });
    const asset = await createAsset(
      DEMO_SHOP,
      "draft-front.jpg",
      await packshot("draft-front"),
    );
    await linkAssets(DEMO_SHOP, {
      assetIds: [asset.assetId],
      productId: draft.id,
      role: "FRONT",
    });
    const rows = await eventually(
      () => states(draft.id),
      (r) =>
        r.length === 3 &&
        r.every((s) => s.status !== "PENDING" && s.status !== "SYNCING"),
      { what: "settled states of the draft product" },
    );
    for (const row of rows) {
      expect(row.status).toBe("NOT_LISTED");
      expect(row.reason).toMatch(/Draft in Shopify/);
    }
    // The image is on the product in Shopify (ready for when it goes active), nowhere for shoppers.
    const file = await db.shopifyFile.findUniqueOrThrow({
      where: { shop_assetId: { shop: DEMO_SHOP, assetId: asset.assetId } },
    });
    expect(
      emulator.shop(DEMO_SHOP).products.get(draft.shopifyId)!.mediaIds,
    ).toContain(file.fileGid);
    expect(
      (
        await emulator.handle(
          new Request(`https://${DEMO_SHOP}/products/${draft.handle}.js`),
        )
      ).status,
    ).toBe(404);
    expect(await googleFeedXml(DEMO_SHOP)).not.toContain(draft.title);
    const hops = await db.syncHop.findMany({
      where: { productId: draft.id },
    });
    expect(hops.every((h) => h.outcome === "NOT_LISTED" && !h.liveAt)).toBe(
      true,
    );
  });
});
