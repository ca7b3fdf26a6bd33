// The reconciler tests' stage: a fiftieth of the demo shop mirrored with one active product of two or more
// variants, the sync workers and the outbox relay running, and two packshots published to it — FRONT on every
// variant, DETAIL on the first (the first creation's answer lost on the way). `useDriftShop()` registers the
// file's beforeAll/afterAll and returns the stage, with what the tests read back and do as the merchant.
import { afterAll, beforeAll, expect } from "vitest";
import db from "~/db.server";
import { closeLocks } from "~/sync/locks.server";
import { startOutboxRelay, type RelayLoop } from "~/outbox/relay.server";
import { seedApparelAttributes } from "~/pim/apparel-seed.server";
import { linkAssets } from "~/sync/links.db.server";
import { verifyDue } from "~/sync/reconciler.server";
import { startWorkers, type RunningWorkers } from "~/worker/run.server";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import { DEMO_SHOP, seedShop } from "../../emulator/seed/seed";
import { adminApi, testEmulator } from "../../emulator/testing";
import { connectAppTo } from "./app-emulator";
import { storeOfflineSessionWithToken } from "./shopify";
import { createAsset, mirrorFromEmulator } from "./sync";
import { eventually } from "./wait";

export { DEMO_SHOP };

interface StorefrontView {
  media: { id: number }[];
  variants: {
    id: number;
    featured_image: { id: number } | null;
    metafields: Record<string, Record<string, unknown>>;
  }[];
  metafields: Record<string, Record<string, unknown>>;
}

type SyncRow = {
  status: string;
  confirmedRevision: number;
  desiredRevision: number;
} | null;

/** Live and caught up: what the channel shows is the last approved revision. */
export const confirmed = (s: SyncRow) =>
  s?.status === "LIVE" && s.confirmedRevision === s.desiredRevision;

/** The numeric id the storefront's JSON uses for a GID. */
export const numeric = (gid: string) => Number(gid.split("/").pop());

const image = (label: string) =>
  studioImage({
    family: "coat",
    colour: COLOURS[2]!,
    width: 1100,
    height: 1375,
    label,
    packshot: true,
  });

export function useDriftShop() {
  const emulator = testEmulator({ mediaProcessingMs: 30 });
  let workers: RunningWorkers;
  let relay: RelayLoop;
  const stage = {
    emulator,
    merchant: undefined as unknown as ReturnType<typeof adminApi>,
    product: { id: "", gid: "", handle: "" },
    variants: [] as { id: string; shopifyId: string }[],
    front: { assetId: "", fileGid: "" },
    detail: { assetId: "", fileGid: "" },
    /** The product's storefront sync state. */
    state: () =>
      db.syncState.findUnique({
        where: {
          shop_productId_channel: {
            shop: DEMO_SHOP,
            productId: stage.product.id,
            channel: "SHOPIFY_STOREFRONT",
          },
        },
      }),
    /** One sweep of the reconciler, as it runs once the pairs are due (here: pretend 11 minutes passed). */
    sweep: () =>
      verifyDue(DEMO_SHOP, 60_000, new Date(Date.now() + 11 * 60_000)),
    /** Sweeps, waits until the repair hops it opened finished, and expects the storefront confirmed again. */
    repairedOnce: async (what: string) => {
      const where = { productId: stage.product.id, kind: "REPAIR" as const };
      const before = await db.syncHop.count({ where });
      await stage.sweep();
      await eventually(
        () => db.syncHop.findMany({ where, orderBy: { approvedAt: "asc" } }),
        (hops) => hops.length > before && hops.every((h) => h.outcome),
        { what },
      );
      expect(confirmed(await stage.state())).toBe(true);
    },
    /** The product as the storefront's product JSON shows it. */
    storefront: async () => {
      const response = await emulator.handle(
        new Request(`https://${DEMO_SHOP}/products/${stage.product.handle}.js`),
      );
      return (await response.json()) as StorefrontView;
    },
    /** The merchant sets one of the app's product metafields in the Shopify admin. */
    setAppMetafield: (key: string, value: string) =>
      stage.merchant(
        `mutation($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) { userErrors { message } } }`,
        {
          m: [
            {
              ownerId: stage.product.gid,
              namespace: `app--${emulator.appId}`,
              key,
              type: "single_line_text_field",
              value,
            },
          ],
        },
      ),
  };

  beforeAll(async () => {
    await seedShop(emulator, DEMO_SHOP, { factor: 0.02, images: false });
    stage.merchant = adminApi(emulator, DEMO_SHOP);
    connectAppTo(emulator);
    await storeOfflineSessionWithToken(
      DEMO_SHOP,
      emulator.issueAccessToken(DEMO_SHOP),
    );
    const seeded = [...emulator.shop(DEMO_SHOP).products.values()].find(
      (p) => p.status === "ACTIVE" && p.variantIds.length >= 2,
    )!;
    const ids = await mirrorFromEmulator(emulator, DEMO_SHOP, [seeded.id]);
    const product = {
      id: ids.get(seeded.id)!,
      gid: seeded.id,
      handle: seeded.handle,
    };
    stage.product = product;
    stage.variants = await db.variant.findMany({
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
    const b = await createAsset(
      DEMO_SHOP,
      "drift-detail.jpg",
      await image("b"),
    );
    await linkAssets(DEMO_SHOP, {
      assetIds: [a.assetId],
      productId: product.id,
      variantIds: stage.variants.map((v) => v.id),
      role: "FRONT",
    });
    await linkAssets(DEMO_SHOP, {
      assetIds: [b.assetId],
      productId: product.id,
      variantIds: [stage.variants[0]!.id],
      role: "DETAIL",
    });
    await eventually(stage.state, confirmed, { what: "first publish" });
    const file = (assetId: string) =>
      db.shopifyFile.findUniqueOrThrow({
        where: { shop_assetId: { shop: DEMO_SHOP, assetId } },
      });
    stage.front = {
      assetId: a.assetId,
      fileGid: (await file(a.assetId)).fileGid,
    };
    stage.detail = {
      assetId: b.assetId,
      fileGid: (await file(b.assetId)).fileGid,
    };
  });

  afterAll(async () => {
    await relay.stop();
    await workers.close();
    await closeLocks();
  });
  return stage;
}
