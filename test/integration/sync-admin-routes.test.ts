// The sync engine's admin actions: linking from the asset page, channel settings and retry, each scoped to its shop.
import { beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { action as activityAction } from "~/routes/app.activity";
import { action as channelsAction } from "~/routes/app.channels";
import { action as assetLinksAction } from "~/routes/app.assets.$id.links";
import { shopChannels } from "~/sync/channels/channels.db.server";
import { DEFAULT_FILENAME_PATTERN } from "~/sync/links.db.server";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import { createAsset } from "../support/factories/asset";
import { buildTwoShops, post, SHOP_A, SHOP_B } from "../support/sync-routes";

let productA: string;

beforeAll(async () => {
  productA = await buildTwoShops();
});

describe("admin actions", () => {
  const linkAction = async (
    shop: string,
    assetId: string,
    fields: Record<string, string>,
  ) =>
    (await assetLinksAction({
      request: await post(`/app/assets/${assetId}/links`, shop, fields),
      params: { id: assetId },
      context: {},
    })) as Response;

  it("links an approved asset to a product's variants of one colour from the asset page", async () => {
    const image = await studioImage({
      family: "coat",
      colour: COLOURS[2]!,
      width: 1000,
      height: 1250,
      packshot: true,
      label: "page",
    });
    const asset = await createAsset(SHOP_A, "coat-page.jpg", image);
    const response = await linkAction(SHOP_A, asset.assetId, {
      intent: "link",
      target: "COAT-1-CAM-M",
      optionValue: "camel",
      role: "DETAIL",
    });
    expect(await response.json()).toEqual({ ok: true, created: 1 });
    const links = await db.assetLink.findMany({
      where: { shop: SHOP_A, assetId: asset.assetId },
    });
    expect(links).toHaveLength(1);
    expect(links[0]!.variantId).not.toBe("");
  });

  it("refuses to link a draft asset with a clear message, and another shop's asset with 404", async () => {
    const image = await studioImage({
      family: "coat",
      colour: COLOURS[3]!,
      width: 1000,
      height: 1250,
      packshot: true,
      label: "draft",
    });
    const draft = await createAsset(SHOP_A, "coat-draft.jpg", image, {
      approve: false,
    });
    const refused = await linkAction(SHOP_A, draft.assetId, {
      intent: "link",
      target: "coat-1",
      role: "FRONT",
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toMatch(
      /only approved assets can be linked/,
    );
    const foreign = await linkAction(SHOP_B, draft.assetId, {
      intent: "link",
      target: "coat-2",
      role: "FRONT",
    });
    expect(foreign.status).toBe(404);
    expect(
      await db.assetLink.count({ where: { assetId: draft.assetId } }),
    ).toBe(0);
  });

  it("refuses a marketplace endpoint that is not https, with a field error", async () => {
    const response = (await channelsAction({
      request: await post("/app/channels", SHOP_A, {
        intent: "marketplace",
        url: "http://marketplace.example/v1",
        keyId: "k",
        secret: "0123456789abcdef",
      }),
      params: {},
      context: {},
    })) as Response;
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      fieldErrors: { url: ["The URL must start with https://."] },
    });
    expect((await shopChannels(SHOP_A)).marketplace.enabled).toBe(false);
  });

  it("refuses a filename pattern that cannot run in linear time, with the reason", async () => {
    const response = (await channelsAction({
      request: await post("/app/channels", SHOP_A, {
        intent: "filename-pattern",
        filenamePattern: "^(?<sku>\\w+)_(?=front)(?<role>[a-z]+)",
      }),
      params: {},
      context: {},
    })) as Response;
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      fieldErrors: {
        filenamePattern: [expect.stringMatching(/look-around/)],
      },
    });
    expect((await shopChannels(SHOP_A)).storefront.filenamePattern).toBe(
      DEFAULT_FILENAME_PATTERN,
    );
  });

  it("does not retry another shop's product", async () => {
    await db.syncState.upsert({
      where: {
        shop_productId_channel: {
          shop: SHOP_A,
          productId: productA,
          channel: "GOOGLE_MERCHANT",
        },
      },
      create: {
        shop: SHOP_A,
        productId: productA,
        channel: "GOOGLE_MERCHANT",
        status: "FAILED",
        reason: "boom",
      },
      update: { status: "FAILED", reason: "boom" },
    });
    const response = (await activityAction({
      request: await post("/app/activity", SHOP_B, {
        productId: productA,
        channel: "GOOGLE_MERCHANT",
      }),
      params: {},
      context: {},
    })) as Response;
    expect(response.status).toBe(404);
    const state = await db.syncState.findFirstOrThrow({
      where: { shop: SHOP_A, productId: productA },
    });
    expect(state.status).toBe("FAILED");
  });

  it("retries a failed product × channel of the shop", async () => {
    const result = await activityAction({
      request: await post("/app/activity", SHOP_A, {
        productId: productA,
        channel: "GOOGLE_MERCHANT",
      }),
      params: {},
      context: {},
    });
    expect(result).toEqual({ ok: true });
    const state = await db.syncState.findFirstOrThrow({
      where: { shop: SHOP_A, productId: productA, channel: "GOOGLE_MERCHANT" },
    });
    expect(state).toMatchObject({ status: "PENDING", reason: null });
  });
});
