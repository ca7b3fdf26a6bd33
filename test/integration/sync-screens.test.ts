// What the sync and DAM screens are fed (issue #11): an approval followed to every channel for the asset page's
// watch (pending until the channel was read back, then live with the version and the time; a Draft product is
// never live), linking by what the resource picker returns. Staff names, form messages and drift on the
// product page: sync-screens-forms.test.ts. Every read is scoped to its shop.
import { beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { loader as watchLoader } from "~/routes/app.assets.$id.watch";
import { action as assetLinksAction } from "~/routes/app.assets.$id.links";
import { assetWatch } from "~/sync/asset-watch.db.server";
import { convergePair } from "~/sync/converge.server";
import { dispatchOutboxEvent } from "~/sync/dispatch.server";
import { linkAssets } from "~/sync/links.db.server";
import { productImages } from "~/sync/product-images.db.server";
import {
  coatPackshot as packshot,
  createAsset,
  replaceAsset,
} from "../support/factories/asset";
import { buildProduct } from "../support/factories/product";
import { embeddedFetchRequest, storeOfflineSession } from "../support/shopify";

const SHOP = "screens-a.myshopify.com";
const OTHER = "screens-b.myshopify.com";

beforeAll(async () => {
  await storeOfflineSession(SHOP);
  await storeOfflineSession(OTHER);
  await buildProduct(OTHER, 90);
});

async function watchOf(shop: string, assetId: string) {
  const response = await watchLoader({
    request: await embeddedFetchRequest(`/app/assets/${assetId}/watch`, shop),
    params: { id: assetId },
    context: {},
  });
  return (await response.json()) as {
    watch: Awaited<ReturnType<typeof assetWatch>>;
    states: Record<string, { channel: string; status: string }[]>;
  };
}

describe("the asset page's watch of an approval", () => {
  it("shows each channel pending, then live with the version and the time, once the channel was read back", async () => {
    const product = await buildProduct(SHOP, 1);
    const first = await createAsset(SHOP, "coat-1.jpg", await packshot(0));
    await linkAssets(SHOP, {
      assetIds: [first.assetId],
      productId: product.id,
      role: "FRONT",
    });
    const replaced = await replaceAsset(
      SHOP,
      first.assetId,
      "coat-1-v2.jpg",
      await packshot(1),
    );

    // Approved, not yet dispatched: every enabled channel is pending.
    const before = (await watchOf(SHOP, first.assetId)).watch!;
    expect(before.versionNumber).toBe(2);
    expect(before.inFlight).toBe(true);
    expect(before.channels.map((c) => [c.channel, c.state])).toEqual([
      ["SHOPIFY_STOREFRONT", "PENDING"],
      ["GOOGLE_MERCHANT", "PENDING"],
    ]);

    await dispatchOutboxEvent(SHOP, replaced.outboxId);
    await convergePair(SHOP, product.id, "GOOGLE_MERCHANT");
    const after = (await watchOf(SHOP, first.assetId)).watch!;
    expect(after.kind).toBe("REPLACEMENT");
    const google = after.channels.find((c) => c.channel === "GOOGLE_MERCHANT")!;
    const storefront = after.channels.find(
      (c) => c.channel === "SHOPIFY_STOREFRONT",
    )!;
    expect(google).toMatchObject({ state: "LIVE", live: 1, products: 1 });
    const hop = await db.syncHop.findFirstOrThrow({
      where: {
        shop: SHOP,
        outboxId: replaced.outboxId,
        channel: "GOOGLE_MERCHANT",
      },
    });
    expect(google.elapsedMs).toBe(
      hop.liveAt!.getTime() - new Date(after.approvedAt).getTime(),
    );
    // The storefront was not read back yet: still pending, and the page keeps polling.
    expect(storefront.state).toBe("PENDING");
    expect(after.inFlight).toBe(true);
  });

  it("never calls a Draft product live: not listed, with the reason", async () => {
    const draft = await buildProduct(SHOP, 2);
    await db.product.update({
      where: { id: draft.id },
      data: { status: "DRAFT" },
    });
    const asset = await createAsset(SHOP, "coat-2.jpg", await packshot(2), {
      approve: false,
    });
    await db.asset.update({
      where: { id: asset.assetId },
      data: { status: "APPROVED", currentVersionId: asset.versionId },
    });
    await linkAssets(SHOP, {
      assetIds: [asset.assetId],
      productId: draft.id,
      role: "FRONT",
    });
    const { versionId, outboxId } = await replaceAsset(
      SHOP,
      asset.assetId,
      "coat-2-v2.jpg",
      await packshot(3),
    );
    expect(versionId).toBeTruthy();
    await dispatchOutboxEvent(SHOP, outboxId);
    await convergePair(SHOP, draft.id, "GOOGLE_MERCHANT");
    const { watch, states } = await watchOf(SHOP, asset.assetId);
    const google = watch!.channels.find(
      (c) => c.channel === "GOOGLE_MERCHANT",
    )!;
    expect(google.state).toBe("NOT_LISTED");
    expect(google.live).toBe(0);
    expect(google.reason).toBe("Draft in Shopify: not in the feed");
    expect(
      states[draft.id]!.find((s) => s.channel === "GOOGLE_MERCHANT")!.status,
    ).toBe("NOT_LISTED");
  });

  it("shows nothing of an asset to another shop", async () => {
    const asset = await createAsset(SHOP, "coat-3.jpg", await packshot(4));
    expect(await assetWatch(SHOP, asset.assetId)).not.toBeNull();
    expect((await watchOf(OTHER, asset.assetId)).watch).toBeNull();
  });
});

const link = async (
  shop: string,
  assetId: string,
  fields: Record<string, string | string[]>,
) => {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields))
    for (const v of [value].flat()) body.append(key, v);
  const response = await assetLinksAction({
    request: await embeddedFetchRequest(`/app/assets/${assetId}/links`, shop, {
      method: "POST",
      body,
    }),
    params: { id: assetId },
    context: {},
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
  };
};

describe("linking by picking", () => {
  it("links the picked product, or only the variants picked, and lists them as the product's images", async () => {
    const product = await buildProduct(SHOP, 5);
    const front = await createAsset(
      SHOP,
      "coat-5-front.jpg",
      await packshot(5),
    );
    const chart = await createAsset(
      SHOP,
      "coat-5-chart.jpg",
      await packshot(6),
    );
    const whole = await link(SHOP, front.assetId, {
      intent: "link-picked",
      productGid: product.shopifyId,
      role: "FRONT",
    });
    expect(whole).toMatchObject({
      status: 200,
      body: { ok: true, created: 1 },
    });
    const some = await link(SHOP, chart.assetId, {
      intent: "link-picked",
      productGid: product.shopifyId,
      variantGids: [product.variants[1]!.shopifyId],
      role: "SIZE_CHART",
    });
    expect(some).toMatchObject({
      status: 200,
      body: { created: 1, variants: 1 },
    });

    const images = await productImages(SHOP, product.id);
    expect(
      images.map((i) => ({
        title: i.title,
        role: i.role,
        variants: i.variants,
        v: i.versionNumber,
      })),
    ).toEqual([
      { title: "coat 5 front", role: "FRONT", variants: [], v: 1 },
      { title: "coat 5 chart", role: "SIZE_CHART", variants: ["M"], v: 1 },
    ]);
    expect(await productImages(OTHER, product.id)).toEqual([]);
  });

  it("answers a plain message when nothing was picked or the product is another shop's", async () => {
    const asset = await createAsset(SHOP, "coat-6.jpg", await packshot(7));
    const empty = await link(SHOP, asset.assetId, {
      intent: "link-picked",
      productGid: "",
      role: "FRONT",
    });
    expect(empty.status).toBe(400);
    expect(empty.body.fieldErrors).toEqual({
      productGid: ["Pick a product from the list."],
    });
    const foreign = await link(SHOP, asset.assetId, {
      intent: "link-picked",
      productGid: "gid://shopify/Product/90",
      role: "FRONT",
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.message).toBe(
      "This product is not in Vitrine yet: import the catalogue again, then pick it.",
    );
    expect(
      await db.assetLink.count({ where: { assetId: asset.assetId } }),
    ).toBe(0);
  });
});
