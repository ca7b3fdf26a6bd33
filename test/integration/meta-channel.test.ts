// The Meta catalogue, the fourth channel, end to end: off until the merchant turns it on, then every approved
// change reaches its CSV feed (served at a token URL, read back with a CSV parser as Meta would), with square
// renditions whose URLs change with every approved version, PIM values, pre-flight, and token rotation with a
// grace period. Everything goes through the same dispatch and generic run as the other channels.
import { parse } from "csv-parse/sync";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { channelKinds } from "~/channels/kinds";
import db from "~/db.server";
import { seedApparelAttributes } from "~/pim/apparel-seed.server";
import { approveProducts } from "~/pim/approval.db.server";
import { saveProductValues } from "~/pim/values.db.server";
import {
  action as channelsAction,
  loader as channelsLoader,
} from "~/routes/app.channels";
import { loader as feedLoader } from "~/routes/feeds.$feed.$file";
import {
  enabledChannels,
  FEED_TOKEN_GRACE_MS,
  feedSettings,
  feedTokenValid,
  rotateFeedToken,
  setChannelEnabled,
} from "~/sync/channels/channels.db.server";
import { convergePair } from "~/sync/converge.server";
import { dispatchOutboxEvent, replacementImpact } from "~/sync/dispatch.server";
import { linkAssets } from "~/sync/links.db.server";
import { getStorage } from "~/dam/storage.server";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import { createAsset, replaceAsset } from "../support/factories/asset";
import { buildProduct, type ProductSpec } from "../support/factories/product";
import { embeddedFetchRequest, storeOfflineSession } from "../support/shopify";

const SHOP = "meta-atelier.myshopify.com";
const OTHER = "meta-other.myshopify.com";
let productId: string;
let assetId: string;

const coat = (n: number): ProductSpec => ({
  vendor: "Maison",
  productType: null,
  variants: [
    {
      title: "Camel / M",
      sku: `WRAP-${n}-CAM-M`,
      price: "260.00",
      options: { Colour: "Camel", Size: "M" },
    },
    {
      title: "Camel / L",
      sku: `WRAP-${n}-CAM-L`,
      price: "260.00",
      options: { Colour: "Camel", Size: "L" },
    },
  ],
});

const packshot = (width: number, height: number, label = "") =>
  studioImage({
    family: "coat",
    colour: COLOURS[0]!,
    width,
    height,
    packshot: true,
    label,
  });

const fetchFeed = (shop: string, token: string, file = `${shop}.csv`) =>
  feedLoader({
    request: new Request(
      `https://app.example/feeds/meta/${file}?token=${token}`,
    ),
    params: { feed: "meta", file },
    context: {},
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
  productId = (await buildProduct(SHOP, 1, coat(1))).id;
  await buildProduct(OTHER, 2, coat(2));
  await storeOfflineSession(SHOP);
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

describe("the Meta feed URL", () => {
  it("is not found with a wrong token, another shop's token, Google's token or the wrong extension", async () => {
    await setChannelEnabled(OTHER, "META_CATALOG", true);
    const other = await feedSettings(OTHER, "META_CATALOG");
    const google = await feedSettings(SHOP, "GOOGLE_MERCHANT");
    const own = await feedSettings(SHOP, "META_CATALOG");
    expect((await fetchFeed(SHOP, "x".repeat(32))).status).toBe(404);
    expect((await fetchFeed(SHOP, other.config.feedToken)).status).toBe(404);
    expect((await fetchFeed(SHOP, google.config.feedToken)).status).toBe(404);
    expect(
      (await fetchFeed(SHOP, own.config.feedToken, `${SHOP}.xml`)).status,
    ).toBe(404);
  });

  it("keeps the previous token working for the grace period after a rotation, then only the new one", async () => {
    const first = (await feedSettings(SHOP, "META_CATALOG")).config.feedToken;
    const rotatedAt = new Date();
    const second = await rotateFeedToken(SHOP, "META_CATALOG", rotatedAt);
    expect(second.feedToken).not.toBe(first);
    expect(new Date(second.previousUntil!).getTime()).toBe(
      rotatedAt.getTime() + FEED_TOKEN_GRACE_MS,
    );
    expect((await fetchFeed(SHOP, first)).status).toBe(200);
    expect((await fetchFeed(SHOP, second.feedToken)).status).toBe(200);
    // Google's token is its own: rotating Meta's leaves it alone.
    const google = (await feedSettings(SHOP, "GOOGLE_MERCHANT")).config;
    expect(google.previousToken).toBeUndefined();

    // Past the grace period, the old token opens nothing.
    const later = new Date(rotatedAt.getTime() + FEED_TOKEN_GRACE_MS + 1000);
    expect(await feedTokenValid(SHOP, "META_CATALOG", first, later)).toBe(
      false,
    );
    expect(
      await feedTokenValid(SHOP, "META_CATALOG", second.feedToken, later),
    ).toBe(true);

    // A second rotation ends the first token's grace at once.
    const third = await rotateFeedToken(SHOP, "META_CATALOG");
    expect((await fetchFeed(SHOP, first)).status).toBe(404);
    expect((await fetchFeed(SHOP, second.feedToken)).status).toBe(200);
    expect((await fetchFeed(SHOP, third.feedToken)).status).toBe(200);
  });

  it("rotates from the Channels page, which then shows the new URL and until when the old one works", async () => {
    const before = (await feedSettings(SHOP, "META_CATALOG")).config.feedToken;
    const response = (await channelsAction({
      request: await embeddedFetchRequest("/app/channels", SHOP, {
        method: "POST",
        body: new URLSearchParams({
          intent: "rotate-feed-token",
          kind: "META_CATALOG",
        }),
      }),
      params: {},
      context: {},
    })) as unknown;
    expect(response).toMatchObject({ ok: true });
    const after = (await feedSettings(SHOP, "META_CATALOG")).config;
    expect(after.previousToken).toBe(before);

    const page = (await channelsLoader({
      request: await embeddedFetchRequest("/app/channels", SHOP),
      params: {},
      context: {},
    })) as {
      channels: {
        kind: string;
        enabled: boolean;
        feed: { url: string; previousUntil: string | null } | null;
      }[];
    };
    const meta = page.channels.find((c) => c.kind === "META_CATALOG")!;
    expect(meta.enabled).toBe(true);
    expect(meta.feed!.url).toContain(
      `/feeds/meta/${SHOP}.csv?token=${after.feedToken}`,
    );
    expect(meta.feed!.previousUntil).toBe(after.previousUntil);
    expect(page.channels.map((c) => c.kind)).toEqual([...channelKinds]);
  });
});
