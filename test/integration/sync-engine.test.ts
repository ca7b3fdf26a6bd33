// The buyer's test, end to end through real Redis, the real database and the store emulator: link approved
// images to variants, publish to every channel, replace an image and watch every listing update.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { closeLocks } from "~/sync/locks.server";
import { Invalid } from "~/lib/errors";
import { startOutboxRelay, type RelayLoop } from "~/outbox/relay.server";
import {
  configureMarketplace,
  shopChannels,
} from "~/sync/channels/channels.db.server";
import { googleFeedXml } from "~/sync/channels/google.server";
import { replacementImpact } from "~/sync/dispatch.server";
import { usedBy } from "~/sync/asset-links.db.server";
import { linkAssets, linkAssetsByOption } from "~/sync/links.db.server";
import { startWorkers, type RunningWorkers } from "~/worker/run.server";
import { connectAppTo } from "../support/app-emulator";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import { DEMO_SHOP, seedShop } from "../../emulator/seed/seed";
import { testEmulator } from "../../emulator/testing";
import { MarketplaceReceiver } from "../../emulator/marketplace/receiver";
import { storeOfflineSessionWithToken } from "../support/shopify";
import { createAsset, mirrorFromEmulator, replaceAsset } from "../support/sync";
import { eventually } from "../support/wait";

const emulator = testEmulator({ mediaProcessingMs: 30 });
const receiver = new MarketplaceReceiver(
  "vitrine-test",
  "marketplace-secret-1234",
);
let workers: RunningWorkers;
let relay: RelayLoop;
let productIds: Map<string, string>;
let coat: { id: string; gid: string; handle: string };

let camel = COLOURS[0]!;
const packshot = (label: string, format: "jpeg" | "png" = "jpeg") =>
  studioImage({
    family: "coat",
    colour: camel,
    width: 1200,
    height: 1500,
    label,
    packshot: true,
    format,
  });

async function storefront(handle: string) {
  const response = await emulator.handle(
    new Request(`https://${DEMO_SHOP}/products/${handle}.js`),
  );
  return (await response.json()) as {
    media: { id: number; src: string }[];
    images: string[];
    variants: {
      id: number;
      featured_image: { id: number; src: string } | null;
      metafields?: Record<string, Record<string, unknown>>;
    }[];
  };
}

const states = (productId: string) =>
  db.syncState.findMany({
    where: { shop: DEMO_SHOP, productId },
    orderBy: { channel: "asc" },
  });
const allLive = (
  rows: {
    status: string;
    confirmedRevision: number;
    desiredRevision: number;
  }[],
) =>
  rows.length === 3 &&
  rows.every(
    (r) => r.status === "LIVE" && r.confirmedRevision === r.desiredRevision,
  );

beforeAll(async () => {
  await seedShop(emulator, DEMO_SHOP, { factor: 0.02, images: false });
  connectAppTo(emulator);
  await storeOfflineSessionWithToken(
    DEMO_SHOP,
    emulator.issueAccessToken(DEMO_SHOP),
  );
  const seeded =
    [...emulator.shop(DEMO_SHOP).products.values()].find(
      (p) =>
        p.status === "ACTIVE" &&
        p.variantIds.length >= 4 &&
        p.productType.includes("Coat"),
    ) ??
    [...emulator.shop(DEMO_SHOP).products.values()].find(
      (p) => p.status === "ACTIVE",
    )!;
  productIds = await mirrorFromEmulator(emulator, DEMO_SHOP);
  // The colour of the product's first variant: the images below are "that colour's" packshots.
  const firstVariant = emulator
    .shop(DEMO_SHOP)
    .variants.get(seeded.variantIds[0]!)!;
  const colourName = firstVariant.selectedOptions.find(
    (o) => o.name === "Colour",
  )!.value;
  camel = COLOURS.find((c) => c.name === colourName)!;
  coat = {
    id: productIds.get(seeded.id)!,
    gid: seeded.id,
    handle: seeded.handle,
  };
  await configureMarketplace(DEMO_SHOP, {
    url: `${await receiver.listen()}/v1`,
    keyId: "vitrine-test",
    secret: "marketplace-secret-1234",
  });
  workers = startWorkers({
    queues: ["sync", "sync-storefront", "sync-feeds", "sync-marketplace"],
    concurrency: 4,
  });
  relay = startOutboxRelay(50);
});

afterAll(async () => {
  await relay.stop();
  await workers.close();
  await closeLocks();
  await receiver.close();
});

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
        productId: coat.id,
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
        productId: coat.id,
        role: "FRONT",
      }),
    ).rejects.toThrow(/not found/);
  });
});

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
      optionValue: camel.name,
      role: "FRONT",
      productIds: [coat.id],
    });
    expect(linked.variants).toBeGreaterThan(0);

    await eventually(() => states(coat.id), allLive, {
      what: "all channels live",
    });
    const file = await db.shopifyFile.findUniqueOrThrow({
      where: { shop_assetId: { shop: DEMO_SHOP, assetId } },
    });
    fileGid = file.fileGid;
    expect(emulator.shop(DEMO_SHOP).files.get(fileGid)!.alt).toBe(
      "Wrap coat, front",
    );

    const view = await storefront(coat.handle);
    const camelVariants = await db.variant.findMany({
      where: { productId: coat.id, selectedOptions: { not: "null" } },
    });
    const linkedIds = camelVariants
      .filter((v) =>
        (v.selectedOptions as { value: string }[]).some(
          (o) => o.value === camel.name,
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
    const before = await storefront(coat.handle);
    const srcBefore = before.media.find(
      (m) => String(m.id) === fileGid.split("/").pop(),
    )!.src;
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
    const after = await storefront(coat.handle);
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
    await eventually(() => states(coat.id), allLive, {
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
    await eventually(() => states(coat.id), allLive, {
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

describe("auto-linking by file name", () => {
  it("links an approved {SKU}_{role}_{n} image to that variant and publishes it", async () => {
    const variant = await db.variant.findFirstOrThrow({
      where: { productId: coat.id, sku: { not: null } },
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
      productId: coat.id,
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

describe("pre-flight", () => {
  it("blocks only the marketplace when the main image is not on a white background", async () => {
    const other = (
      await db.product.findFirstOrThrow({
        where: { shop: DEMO_SHOP, status: "ACTIVE", id: { not: coat.id } },
      })
    ).id;
    const studio = await createAsset(
      DEMO_SHOP,
      "lifestyle.jpg",
      await studioImage({
        family: "coat",
        colour: camel,
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
