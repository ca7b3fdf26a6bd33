// The reconciler reads the channels back and repairs what changed there — a media item deleted or a variant image
// swapped in the Shopify admin, a feed row gone, a lost file creation — or, where the PIM owns the data (an app
// metafield edited in Shopify), records drift for the merchant to accept or revert. Each is found within one sweep.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { closeLocks } from "~/sync/locks.server";
import { startOutboxRelay, type RelayLoop } from "~/outbox/relay.server";
import { seedApparelAttributes } from "~/pim/apparel-seed.server";
import { approveProducts } from "~/pim/approval.db.server";
import { saveProductValues } from "~/pim/values.db.server";
import { acceptDrift, revertDrift } from "~/sync/drift-resolution.server";
import { openDrift } from "~/sync/drift.db.server";
import { linkAssets, unlink } from "~/sync/links.db.server";
import { deleteOrphanFiles, verifyDue } from "~/sync/reconciler.server";
import { adminClientFor } from "~/shopify/admin-client.server";
import { startWorkers, type RunningWorkers } from "~/worker/run.server";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import { DEMO_SHOP, seedShop } from "../../emulator/seed/seed";
import { adminApi, testEmulator } from "../../emulator/testing";
import { connectAppTo } from "../support/app-emulator";
import { storeOfflineSessionWithToken } from "../support/shopify";
import { createAsset, mirrorFromEmulator } from "../support/sync";
import { eventually } from "../support/wait";

const emulator = testEmulator({ mediaProcessingMs: 30 });
let merchant: ReturnType<typeof adminApi>;
let workers: RunningWorkers;
let relay: RelayLoop;
let product: { id: string; gid: string; handle: string };
let variants: { id: string; shopifyId: string }[];
let front: { assetId: string; fileGid: string };
let detail: { assetId: string; fileGid: string };

const image = (label: string) =>
  studioImage({
    family: "coat",
    colour: COLOURS[2]!,
    width: 1100,
    height: 1375,
    label,
    packshot: true,
  });

const state = () =>
  db.syncState.findUnique({
    where: {
      shop_productId_channel: {
        shop: DEMO_SHOP,
        productId: product.id,
        channel: "SHOPIFY_STOREFRONT",
      },
    },
  });
const confirmed = (
  s: {
    status: string;
    confirmedRevision: number;
    desiredRevision: number;
  } | null,
) => s?.status === "LIVE" && s.confirmedRevision === s.desiredRevision;

/** One sweep of the reconciler, as it runs once the pairs are due (here: pretend 11 minutes passed). */
async function sweep(): Promise<void> {
  await verifyDue(DEMO_SHOP, 60_000, new Date(Date.now() + 11 * 60_000));
}

async function repairedOnce(what: string) {
  const before = await db.syncHop.count({
    where: { productId: product.id, kind: "REPAIR" },
  });
  await sweep();
  await eventually(
    () =>
      db.syncHop.findMany({
        where: { productId: product.id, kind: "REPAIR" },
        orderBy: { approvedAt: "asc" },
      }),
    (hops) => hops.length > before && hops.every((h) => h.outcome),
    { what },
  );
  expect(confirmed(await state())).toBe(true);
}

async function storefront() {
  const response = await emulator.handle(
    new Request(`https://${DEMO_SHOP}/products/${product.handle}.js`),
  );
  return (await response.json()) as {
    media: { id: number }[];
    variants: {
      id: number;
      featured_image: { id: number } | null;
      metafields: Record<string, Record<string, unknown>>;
    }[];
    metafields: Record<string, Record<string, unknown>>;
  };
}
const numeric = (gid: string) => Number(gid.split("/").pop());

beforeAll(async () => {
  await seedShop(emulator, DEMO_SHOP, { factor: 0.02, images: false });
  merchant = adminApi(emulator, DEMO_SHOP);
  connectAppTo(emulator);
  await storeOfflineSessionWithToken(
    DEMO_SHOP,
    emulator.issueAccessToken(DEMO_SHOP),
  );
  const seeded = [...emulator.shop(DEMO_SHOP).products.values()].find(
    (p) => p.status === "ACTIVE" && p.variantIds.length >= 2,
  )!;
  const ids = await mirrorFromEmulator(emulator, DEMO_SHOP, [seeded.id]);
  product = { id: ids.get(seeded.id)!, gid: seeded.id, handle: seeded.handle };
  variants = await db.variant.findMany({
    where: { productId: product.id },
    orderBy: { position: "asc" },
  });
  await seedApparelAttributes(DEMO_SHOP);
  workers = startWorkers({
    queues: ["sync", "sync-storefront", "sync-feeds", "sync-marketplace"],
    concurrency: 4,
  });
  relay = startOutboxRelay(50);

  // One lost answer on the first creation: the retry must find the file by name instead of making a second.
  emulator.setFaults(DEMO_SHOP, { lostResponseNext: 1 });
  const a = await createAsset(DEMO_SHOP, "drift-front.jpg", await image("a"));
  const b = await createAsset(DEMO_SHOP, "drift-detail.jpg", await image("b"));
  await linkAssets(DEMO_SHOP, {
    assetIds: [a.assetId],
    productId: product.id,
    variantIds: variants.map((v) => v.id),
    role: "FRONT",
  });
  await linkAssets(DEMO_SHOP, {
    assetIds: [b.assetId],
    productId: product.id,
    variantIds: [variants[0]!.id],
    role: "DETAIL",
  });
  await eventually(state, confirmed, { what: "first publish" });
  const file = (assetId: string) =>
    db.shopifyFile.findUniqueOrThrow({
      where: { shop_assetId: { shop: DEMO_SHOP, assetId } },
    });
  front = { assetId: a.assetId, fileGid: (await file(a.assetId)).fileGid };
  detail = { assetId: b.assetId, fileGid: (await file(b.assetId)).fileGid };
});

afterAll(async () => {
  await relay.stop();
  await workers.close();
  await closeLocks();
});

describe("reading the channels back", () => {
  it("creates one file per image even when Shopify's answer to a creation was lost", () => {
    const files = [...emulator.shop(DEMO_SHOP).files.values()].filter((f) =>
      f.filename.startsWith("vitrine-"),
    );
    expect(files.map((f) => f.id).sort()).toEqual(
      [front.fileGid, detail.fileGid].sort(),
    );
  });

  it("puts back a media item deleted in the Shopify admin within one sweep", async () => {
    const answer = await merchant(
      `mutation($files: [FileUpdateInput!]!) { fileUpdate(files: $files) { userErrors { message } } }`,
      { files: [{ id: detail.fileGid, referencesToRemove: [product.gid] }] },
    );
    expect(answer.data).toBeDefined();
    expect((await storefront()).media.map((m) => m.id)).not.toContain(
      numeric(detail.fileGid),
    );
    await repairedOnce("the media item repaired");
    expect((await storefront()).media.map((m) => m.id)).toContain(
      numeric(detail.fileGid),
    );
  });

  it("puts a variant's image back when it was swapped in the Shopify admin", async () => {
    const variant = variants[1]!;
    await merchant(
      `mutation($productId: ID!, $variantMedia: [ProductVariantDetachMediaInput!]!) {
        productVariantDetachMedia(productId: $productId, variantMedia: $variantMedia) { userErrors { message } } }`,
      {
        productId: product.gid,
        variantMedia: [
          { variantId: variant.shopifyId, mediaIds: [front.fileGid] },
        ],
      },
    );
    await merchant(
      `mutation($productId: ID!, $variantMedia: [ProductVariantAppendMediaInput!]!) {
        productVariantAppendMedia(productId: $productId, variantMedia: $variantMedia) { userErrors { message } } }`,
      {
        productId: product.gid,
        variantMedia: [
          { variantId: variant.shopifyId, mediaIds: [detail.fileGid] },
        ],
      },
    );
    await repairedOnce("the variant image repaired");
    const shown = (await storefront()).variants.find(
      (v) => v.id === numeric(variant.shopifyId),
    )!;
    expect(shown.featured_image?.id).toBe(numeric(front.fileGid));
  });

  it("restores a feed row that went missing", async () => {
    const googleState = () =>
      db.syncState.findUniqueOrThrow({
        where: {
          shop_productId_channel: {
            shop: DEMO_SHOP,
            productId: product.id,
            channel: "GOOGLE_MERCHANT",
          },
        },
      });
    const rows = await db.feedItem.count({ where: { productId: product.id } });
    await db.feedItem.deleteMany({
      where: { productId: product.id, variantId: variants[0]!.id },
    });
    await sweep();
    await eventually(
      () => db.feedItem.count({ where: { productId: product.id } }),
      (count) => count === rows,
      { what: "the feed row back" },
    );
    await eventually(googleState, confirmed, { what: "google confirmed" });
    expect(
      await db.syncHop.count({
        where: {
          productId: product.id,
          channel: "GOOGLE_MERCHANT",
          kind: "REPAIR",
        },
      }),
    ).toBe(1);
  });

  it("takes an unlinked image off the variant and deletes the emptied gallery", async () => {
    const link = await db.assetLink.findFirstOrThrow({
      where: { assetId: detail.assetId, productId: product.id },
    });
    await unlink(DEMO_SHOP, [link.id]);
    const change = await db.outbox.findFirstOrThrow({
      where: { aggregateId: product.id, topic: "asset-link.changed" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    await eventually(
      () =>
        db.syncHop.findMany({
          where: { outboxId: change.id, channel: "SHOPIFY_STOREFRONT" },
        }),
      (hops) => hops.length === 1 && hops[0]!.outcome === "LIVE",
      { what: "unlink live" },
    );
    const view = await storefront();
    expect(view.media.map((m) => m.id)).not.toContain(numeric(detail.fileGid));
    const first = view.variants.find(
      (v) => v.id === numeric(variants[0]!.shopifyId),
    )!;
    expect(first.featured_image?.id).toBe(numeric(front.fileGid));
    const gallery = Object.values(first.metafields)[0]?.gallery as unknown[];
    expect(gallery).toHaveLength(1);
  });

  it("deletes the files it created that nothing shows any more", async () => {
    const client = await adminClientFor(DEMO_SHOP);
    // Too young: a creation may still be recording.
    expect(await deleteOrphanFiles(DEMO_SHOP, client)).toEqual([]);
    const later = new Date(Date.now() + 11 * 60_000);
    expect(await deleteOrphanFiles(DEMO_SHOP, client, later)).toEqual([
      detail.fileGid,
    ]);
    expect(emulator.shop(DEMO_SHOP).files.has(detail.fileGid)).toBe(false);
    expect(emulator.shop(DEMO_SHOP).files.has(front.fileGid)).toBe(true);
  });
});

describe("drift in the PIM's data", () => {
  const materialOnShopify = async () =>
    Object.values((await storefront()).metafields)[0]?.material_composition;

  it("records a value edited in the Shopify admin as drift instead of overwriting it, and reverts it on request", async () => {
    await saveProductValues(
      DEMO_SHOP,
      product.id,
      [{ attributeKey: "material_composition", input: "100% wool" }],
      "merch",
    );
    await approveProducts(DEMO_SHOP, [product.id], "lead");
    await eventually(
      () =>
        db.syncHop.findMany({
          where: {
            productId: product.id,
            channel: "SHOPIFY_STOREFRONT",
            kind: "VALUES",
          },
        }),
      (hops) => hops.length === 1 && hops[0]!.outcome === "LIVE",
      { what: "values live" },
    );
    expect(await materialOnShopify()).toBe("100% wool");

    await merchant(
      `mutation($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) { userErrors { message } } }`,
      {
        m: [
          {
            ownerId: product.gid,
            namespace: `app--${emulator.appId}`,
            key: "material_composition",
            type: "single_line_text_field",
            value: "wool blend",
          },
        ],
      },
    );
    await sweep();
    const drifted = await eventually(state, (s) => s?.status === "DRIFT", {
      what: "drift recorded",
    });
    expect(drifted!.reason).toMatch(/changed in Shopify/);
    expect(await materialOnShopify()).toBe("wool blend");
    const [drift] = await openDrift(DEMO_SHOP, product.id);
    expect(drift).toMatchObject({
      key: "material_composition",
      ours: "100% wool",
      theirs: "wool blend",
    });

    await revertDrift(DEMO_SHOP, drift!.id);
    await eventually(state, confirmed, { what: "reverted" });
    expect(await materialOnShopify()).toBe("100% wool");
    expect(await openDrift(DEMO_SHOP, product.id)).toEqual([]);
  });

  it("accepts Shopify's value into the PIM when the merchant agrees with it", async () => {
    await merchant(
      `mutation($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) { userErrors { message } } }`,
      {
        m: [
          {
            ownerId: product.gid,
            namespace: `app--${emulator.appId}`,
            key: "material_composition",
            type: "single_line_text_field",
            value: "90% wool, 10% silk",
          },
        ],
      },
    );
    await sweep();
    await eventually(state, (s) => s?.status === "DRIFT", {
      what: "drift recorded",
    });
    const [drift] = await openDrift(DEMO_SHOP, product.id);
    await acceptDrift(DEMO_SHOP, drift!.id, "lead");
    await eventually(state, confirmed, { what: "accepted" });
    const value = await db.attributeValue.findFirstOrThrow({
      where: {
        productId: product.id,
        attribute: { key: "material_composition" },
      },
    });
    expect(JSON.parse(value.approved!)).toBe("90% wool, 10% silk");
    expect(await materialOnShopify()).toBe("90% wool, 10% silk");
  });
});
