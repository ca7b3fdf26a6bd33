// The Meta catalogue, the fourth channel, end to end: off until the merchant turns it on, then every approved
// change reaches its CSV feed (served at a token URL, read back with a CSV parser as Meta would), with square
// renditions whose URLs change with every approved version, PIM values, pre-flight; token URLs and their
// rotation: meta-feed-url.test.ts. Everything goes through the same dispatch and generic run as the other channels.
import { parse } from "csv-parse/sync";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { channelKinds } from "~/channels/kinds";
import db from "~/db.server";
import { seedApparelAttributes } from "~/pim/apparel-seed.server";
import { approveProducts } from "~/pim/approval.db.server";
import { saveProductValues } from "~/pim/values.db.server";
import {
  enabledChannels,
  feedSettings,
  setChannelEnabled,
} from "~/sync/channels/channels.db.server";
import { convergePair } from "~/sync/converge.server";
import { dispatchOutboxEvent, replacementImpact } from "~/sync/dispatch.server";
import { linkAssets } from "~/sync/links.db.server";
import { getStorage } from "~/dam/storage.server";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import { createAsset, replaceAsset } from "../support/factories/asset";
import { buildProduct } from "../support/factories/product";
import { buildMetaShops, coat, fetchFeed, SHOP } from "../support/meta-channel";

let productId: string;
let assetId: string;

const packshot = (width: number, height: number, label = "") =>
  studioImage({
    family: "coat",
    colour: COLOURS[0]!,
    width,
    height,
    packshot: true,
    label,
  });

async function feedRows(shop = SHOP) {
  const { config } = await feedSettings(shop, "META_CATALOG");
  const response = await fetchFeed(shop, config.feedToken);
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toContain("text/csv");
  return parse(await response.text(), { columns: true }) as Record<
    string,
    string
  >[];
}

const metaState = () =>
  db.syncState.findUniqueOrThrow({
    where: {
      shop_productId_channel: {
        shop: SHOP,
        productId,
        channel: "META_CATALOG",
      },
    },
  });

beforeAll(async () => {
  productId = await buildMetaShops();
  assetId = (
    await createAsset(SHOP, "wrap-front.jpg", await packshot(1000, 1250))
  ).assetId;
  await linkAssets(SHOP, { assetIds: [assetId], productId, role: "FRONT" });
});

describe("the Meta catalogue channel", () => {
  it("is off until the merchant turns it on: no hops, no feed", async () => {
    expect(await enabledChannels(SHOP)).not.toContain("META_CATALOG");
    expect(await convergePair(SHOP, productId, "META_CATALOG")).toEqual({
      outcome: "disabled",
    });
    const { config } = await feedSettings(SHOP, "META_CATALOG");
    expect((await fetchFeed(SHOP, config.feedToken)).status).toBe(404);
  });

  it("once on, approvals reach it through dispatch and its feed serves one row per variant with a square image", async () => {
    await setChannelEnabled(SHOP, "META_CATALOG", true);
    expect(await enabledChannels(SHOP)).toEqual(
      [...channelKinds].filter((k) => k !== "MARKETPLACE"),
    );
    expect((await replacementImpact(SHOP, assetId)).channels).toContain(
      "META_CATALOG",
    );

    const { outboxId } = await replaceAsset(
      SHOP,
      assetId,
      "wrap-front-v2.jpg",
      await packshot(1000, 1250, "v2"),
    );
    await dispatchOutboxEvent(SHOP, outboxId);
    const hop = await db.syncHop.findFirstOrThrow({
      where: { shop: SHOP, outboxId, channel: "META_CATALOG" },
    });
    expect(hop).toMatchObject({ kind: "REPLACEMENT", productId });

    expect(await convergePair(SHOP, productId, "META_CATALOG")).toMatchObject({
      outcome: "live",
    });
    expect(await metaState()).toMatchObject({ status: "LIVE", reason: null });
    const rows = await feedRows();
    expect(
      rows.map((r) => [r.id, r.size, r.availability, r.condition, r.price]),
    ).toEqual([
      ["WRAP-1-CAM-M", "M", "in stock", "new", "260.00 EUR"],
      ["WRAP-1-CAM-L", "L", "in stock", "new", "260.00 EUR"],
    ]);
    expect(rows[0]!.item_group_id).toBe(rows[1]!.item_group_id);
    expect(rows[0]!.brand).toBe("Maison");
    expect(rows[0]!.image_link).toMatch(/\.meta\.v1\.jpg\?.*sig=/);

    const rendition = await db.rendition.findFirstOrThrow({
      where: { shop: SHOP, profileId: "meta" },
      orderBy: { createdAt: "desc" },
    });
    expect([rendition.width, rendition.height]).toEqual([1080, 1080]);
    const bytes = await getStorage().get(rendition.storageKey);
    const meta = await sharp(bytes).metadata();
    expect([meta.width, meta.height, meta.format]).toEqual([
      1080,
      1080,
      "jpeg",
    ]);
  });

  it("gives a replaced image a new URL (Meta keeps what it fetched once per URL), and the old one leaves the feed", async () => {
    const before = (await feedRows())[0]!.image_link;
    const { outboxId } = await replaceAsset(
      SHOP,
      assetId,
      "wrap-front-v3.jpg",
      await packshot(1000, 1250, "v3"),
    );
    await dispatchOutboxEvent(SHOP, outboxId);
    await convergePair(SHOP, productId, "META_CATALOG");
    const after = (await feedRows()).map((r) => r.image_link);
    expect(after[0]).not.toBe(before);
    expect(after).not.toContain(before);
    expect(await metaState()).toMatchObject({ status: "LIVE" });
  });

  it("carries approved gender, age group, material and brand from the PIM, drafts not", async () => {
    await seedApparelAttributes(SHOP);
    await saveProductValues(
      SHOP,
      productId,
      [
        { attributeKey: "gender", input: "female" },
        { attributeKey: "age_group", input: "adult" },
        {
          attributeKey: "material_composition",
          input: "80% wool, 20% cashmere",
        },
        { attributeKey: "brand", input: "Maison Vitrine" },
      ],
      "merch",
    );
    await convergePair(SHOP, productId, "META_CATALOG");
    expect((await feedRows())[0]).toMatchObject({
      gender: "",
      age_group: "",
      brand: "Maison",
    });

    await approveProducts(SHOP, [productId], "lead");
    await convergePair(SHOP, productId, "META_CATALOG");
    expect((await feedRows())[0]).toMatchObject({
      gender: "female",
      age_group: "adult",
      material: "80% wool, 20% cashmere",
      brand: "Maison Vitrine",
    });
  });

  it("blocks a product whose main image is under 500 px, with the rule in the reason, and keeps it off the feed", async () => {
    const small = (
      await createAsset(SHOP, "tiny.jpg", await packshot(420, 420, "tiny"))
    ).assetId;
    const other = (await buildProduct(SHOP, 3, coat(3))).id;
    await linkAssets(SHOP, {
      assetIds: [small],
      productId: other,
      role: "FRONT",
    });
    expect(await convergePair(SHOP, other, "META_CATALOG")).toMatchObject({
      outcome: "blocked",
    });
    const state = await db.syncState.findUniqueOrThrow({
      where: {
        shop_productId_channel: {
          shop: SHOP,
          productId: other,
          channel: "META_CATALOG",
        },
      },
    });
    expect(state.status).toBe("BLOCKED");
    expect(state.reason).toMatch(
      /Needs at least 500 px on the short side \(this image: 420 px\)/,
    );
    expect((await feedRows()).map((r) => r.id)).not.toContain("WRAP-3-CAM-M");
  });
});
