// The sync engine's channel-facing URLs: the Google feed (and PIM values in it) and rendition URLs, each scoped to
// its shop; jobs of one shop do nothing to another's. The admin actions are in sync-admin-routes.test.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { channelKinds } from "~/channels/kinds";
import db from "~/db.server";
import { loader as feedLoader } from "~/routes/feeds.$feed.$file";
import { loader as renditionLoader } from "~/routes/renditions.$shop.$file";
import { shopChannels } from "~/sync/channels/channels.db.server";
import { convergePair } from "~/sync/converge.server";
import { dispatchOutboxEvent } from "~/sync/dispatch.server";
import { linkAssets } from "~/sync/links.db.server";
import { seedApparelAttributes } from "~/pim/apparel-seed.server";
import { approveProducts } from "~/pim/approval.db.server";
import { saveProductValues } from "~/pim/values.db.server";
import { renditionUrl } from "~/sync/urls.server";
import {
  markShopUninstalled,
  upsertInstalledShop,
} from "~/shop/shop.db.server";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import { storeOfflineSession } from "../support/shopify";
import { createAsset } from "../support/factories/asset";
import { buildTwoShops, SHOP_A, SHOP_B } from "../support/sync-routes";

let productA: string;
let renditionA: string;

beforeAll(async () => {
  productA = await buildTwoShops();
  const image = await studioImage({
    family: "coat",
    colour: COLOURS[0]!,
    width: 1000,
    height: 1250,
    packshot: true,
  });
  const asset = await createAsset(SHOP_A, "coat.jpg", image);
  await linkAssets(SHOP_A, {
    assetIds: [asset.assetId],
    productId: productA,
    role: "FRONT",
  });
  await convergePair(SHOP_A, productA, "GOOGLE_MERCHANT");
  const rendition = await db.rendition.findFirstOrThrow({
    where: { shop: SHOP_A, profileId: "google" },
  });
  renditionA = renditionUrl(SHOP_A, rendition.key, "jpg");
});

const feedRequest = (shop: string, token: string) =>
  feedLoader({
    request: new Request(
      `https://app.example/feeds/google/${shop}.xml?token=${token}`,
    ),
    params: { feed: "google", file: `${shop}.xml` },
    context: {},
  });

describe("the Google feed URL", () => {
  it("serves the shop's feed with its token, including the versioned rendition URL", async () => {
    const { google } = await shopChannels(SHOP_A);
    const response = await feedRequest(SHOP_A, google.config.feedToken);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain(
      "application/rss+xml",
    );
    const xml = await response.text();
    expect(xml).toContain("<g:id>COAT-1-CAM-M</g:id>");
    expect(xml).toContain(new URL(renditionA).pathname);
  });

  it("is not found with a wrong token or another shop's token", async () => {
    const b = await shopChannels(SHOP_B);
    expect((await feedRequest(SHOP_A, "x".repeat(32))).status).toBe(404);
    expect((await feedRequest(SHOP_A, b.google.config.feedToken)).status).toBe(
      404,
    );
  });
});

describe("an uninstalled shop's feed", () => {
  it("is no longer served once the shop uninstalls, and is again after a reinstall", async () => {
    const { google } = await shopChannels(SHOP_B);
    expect((await feedRequest(SHOP_B, google.config.feedToken)).status).toBe(
      200,
    );
    await markShopUninstalled(SHOP_B);
    expect((await feedRequest(SHOP_B, google.config.feedToken)).status).toBe(
      404,
    );
    await upsertInstalledShop(SHOP_B);
    await storeOfflineSession(SHOP_B);
    expect((await feedRequest(SHOP_B, google.config.feedToken)).status).toBe(
      200,
    );
  });
});

describe("approved PIM values on the channels", () => {
  it("puts approved gender, age group, material and brand into the Google item, drafts not", async () => {
    await seedApparelAttributes(SHOP_A);
    await saveProductValues(
      SHOP_A,
      productA,
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
    await convergePair(SHOP_A, productA, "GOOGLE_MERCHANT");
    const { google } = await shopChannels(SHOP_A);
    const draft = await (
      await feedRequest(SHOP_A, google.config.feedToken)
    ).text();
    expect(draft).not.toContain("<g:gender>");

    await approveProducts(SHOP_A, [productA], "lead");
    await convergePair(SHOP_A, productA, "GOOGLE_MERCHANT");
    const xml = await (
      await feedRequest(SHOP_A, google.config.feedToken)
    ).text();
    expect(xml).toContain("<g:gender>female</g:gender>");
    expect(xml).toContain("<g:age_group>adult</g:age_group>");
    expect(xml).toContain("<g:material>80% wool, 20% cashmere</g:material>");
    expect(xml).toContain("<g:brand>Maison Vitrine</g:brand>");
  });
});

describe("jobs are scoped to their shop", () => {
  it("does nothing for another shop's product, asset or outbox event", async () => {
    const outbox = await db.outbox.findFirstOrThrow({
      where: { shop: SHOP_A },
    });
    const feedBefore = await db.feedItem.count({ where: { shop: SHOP_A } });
    for (const channel of channelKinds)
      await expect(convergePair(SHOP_B, productA, channel)).resolves.toEqual({
        outcome: "gone",
      });
    await expect(dispatchOutboxEvent(SHOP_B, outbox.id)).rejects.toThrow(
      /not found/,
    );
    expect(await db.feedItem.count({ where: { shop: SHOP_A } })).toBe(
      feedBefore,
    );
    expect(await db.syncHop.count({ where: { shop: SHOP_B } })).toBe(0);
    expect(await db.syncState.count({ where: { shop: SHOP_B } })).toBe(0);
  });
});

describe("rendition URLs", () => {
  const load = (url: string) => {
    const parsed = new URL(url);
    const [, , shop, file] = parsed.pathname.split("/");
    return renditionLoader({
      request: new Request(url),
      params: {
        shop: decodeURIComponent(shop!),
        file: decodeURIComponent(file!),
      },
      context: {},
    });
  };

  it("serves a signed rendition as an immutable JPEG", async () => {
    const response = await load(renditionA);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/jpeg");
    expect(response.headers.get("Cache-Control")).toContain("immutable");
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 2)).toEqual(
      Buffer.from([0xff, 0xd8]),
    );
  });

  it("refuses a bad signature and another shop's path", async () => {
    expect(
      (await load(renditionA.replace(/sig=[^&]+/, "sig=forged"))).status,
    ).toBe(404);
    expect((await load(renditionA.replace(SHOP_A, SHOP_B))).status).toBe(404);
  });

  it("signs with a key id, still serves URLs signed before key ids, and refuses an unknown key id", async () => {
    const url = new URL(renditionA);
    expect(url.searchParams.get("kid")).toMatch(/^[0-9a-f]{8}$/);
    // A URL Google fetched before key ids existed: same signature, no kid.
    const legacy = new URL(url);
    legacy.searchParams.delete("kid");
    expect((await load(legacy.href)).status).toBe(200);
    const unknown = new URL(url);
    unknown.searchParams.set("kid", "0badc0de");
    expect((await load(unknown.href)).status).toBe(404);
  });
});
