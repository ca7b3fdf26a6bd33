// Linking assets to products: only approved assets of the shop itself can be linked.
import { describe, expect, it } from "vitest";
import db from "~/db.server";
import { Invalid } from "~/lib/errors";
import { linkAssets } from "~/sync/links.db.server";
import { DEMO_SHOP } from "../../emulator/seed/seed";
import { useSyncEngineShop } from "../support/sync-engine";
import { createAsset } from "../support/sync";

const stage = useSyncEngineShop();
const { packshot } = stage;

describe("linking approved assets", () => {
  it("refuses to link an asset that is not approved", async () => {
    const draft = await createAsset(
      DEMO_SHOP,
      "draft.jpg",
      await packshot("draft"),
      {
        approve: false,
      },
    );
    await expect(
      linkAssets(DEMO_SHOP, {
        assetIds: [draft.assetId],
        productId: stage.coat.id,
        role: "FRONT",
      }),
    ).rejects.toThrow(Invalid);
    expect(
      await db.assetLink.count({ where: { assetId: draft.assetId } }),
    ).toBe(0);
  });

  it("does not link another shop's asset", async () => {
    await db.shop.upsert({
      where: { shop: "other.myshopify.com" },
      create: { shop: "other.myshopify.com" },
      update: {},
    });
    const foreign = await createAsset(
      "other.myshopify.com",
      "theirs.jpg",
      await packshot("theirs"),
    );
    await expect(
      linkAssets(DEMO_SHOP, {
        assetIds: [foreign.assetId],
        productId: stage.coat.id,
        role: "FRONT",
      }),
    ).rejects.toThrow(/not found/);
  });
});
