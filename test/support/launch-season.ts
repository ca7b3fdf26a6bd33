// The launch test's season: the emulator's demo shop with four products made DRAFT before the app mirrors them
// (three for the season, one that comes late), a marketplace receiver, the sync workers and the outbox relay, and the
// outside views (storefront status, the Google feed as served, the marketplace's shown listings) the test reads.
// `useLaunchSeason()` registers the file's beforeAll/afterAll and returns the stage.
import { afterAll, beforeAll } from "vitest";
import db from "~/db.server";
import { getLaunch } from "~/launch/launch.server";
import { startOutboxRelay, type RelayLoop } from "~/outbox/relay.server";
import { configureMarketplace } from "~/sync/channels/channels.db.server";
import { googleFeedXml } from "~/sync/channels/google.server";
import { linkAssets } from "~/sync/links.db.server";
import { closeLocks } from "~/sync/locks.server";
import type { QueueName } from "~/jobs/definitions";
import { startWorkers, type RunningWorkers } from "~/worker/run.server";
import { MarketplaceReceiver } from "../../emulator/marketplace/receiver";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import { DEMO_SHOP, seedShop } from "../../emulator/seed/seed";
import { testEmulator } from "../../emulator/testing";
import { connectAppTo } from "./app-emulator";
import { storeOfflineSessionWithToken } from "./shopify";
import { createAsset, mirrorFromEmulator } from "./sync";

/** The queues a launch's staging and go-live run on (dispatch, the channels' pair runs, the launch jobs). */
export const LAUNCH_SYNC_QUEUES: QueueName[] = [
  "sync",
  "sync-storefront",
  "sync-feeds",
  "sync-marketplace",
  "launch",
];

export interface Season {
  id: string;
  gid: string;
  handle: string;
  skus: string[];
}

type TestEmulator = ReturnType<typeof testEmulator>;

/**
 * A season not yet on sale, as every launch test starts: the demo shop seeded without images, the app connected
 * with its offline session, and `count` products with several variants made DRAFT in Shopify before the app
 * mirrors the catalogue. Returns those products and our product ids by Shopify GID.
 */
export async function seedDraftSeason(emulator: TestEmulator, count: number) {
  await seedShop(emulator, DEMO_SHOP, { factor: 0.05, images: false });
  connectAppTo(emulator);
  await storeOfflineSessionWithToken(
    DEMO_SHOP,
    emulator.issueAccessToken(DEMO_SHOP),
  );
  const drafts = [...emulator.shop(DEMO_SHOP).products.values()]
    .filter((p) => p.variantIds.length > 1)
    .slice(0, count);
  for (const product of drafts) product.status = "DRAFT";
  const ids = await mirrorFromEmulator(emulator, DEMO_SHOP);
  return { drafts, ids };
}

/** The SKUs of an emulator product's variants. */
export const skusOf = (
  emulator: TestEmulator,
  product: { variantIds: string[] },
): string[] =>
  product.variantIds
    .map((v) => emulator.shop(DEMO_SHOP).variants.get(v)!.sku)
    .filter((s): s is string => Boolean(s));

export function useLaunchSeason() {
  const emulator = testEmulator({ mediaProcessingMs: 30, bulkOperationMs: 30 });
  const receiver = new MarketplaceReceiver(
    "vitrine-test",
    "marketplace-secret-1234",
  );
  let workers: RunningWorkers;
  let relay: RelayLoop;

  let season: Season[];
  let late: Season;

  const shopper = async (handle: string) =>
    (
      await emulator.handle(
        new Request(`https://${DEMO_SHOP}/products/${handle}.js`),
      )
    ).status;
  const visible = async (products: Season[]) => ({
    storefront: await Promise.all(products.map((p) => shopper(p.handle))),
    feed: await googleFeedXml(DEMO_SHOP).then((xml) =>
      products.map((p) =>
        p.skus.some((sku) => xml.includes(`<g:id>${sku}</g:id>`)),
      ),
    ),
    marketplace: products.map((p) =>
      receiver.shown().some((l) => p.skus.includes(l.sku)),
    ),
  });
  const hidden = (n: number) => ({
    storefront: Array<number>(n).fill(404),
    feed: Array<boolean>(n).fill(false),
    marketplace: Array<boolean>(n).fill(false),
  });
  const shown = (n: number) => ({
    storefront: Array<number>(n).fill(200),
    feed: Array<boolean>(n).fill(true),
    marketplace: Array<boolean>(n).fill(true),
  });

  async function shot(colour: (typeof COLOURS)[number], label: string) {
    return studioImage({
      family: "coat",
      colour,
      width: 1200,
      height: 1500,
      label,
      packshot: true,
      format: "jpeg",
    });
  }

  async function link(
    product: Season,
    role: "FRONT" | "BACK",
    label: string,
    tags: string[] = [],
  ) {
    const { assetId } = await createAsset(
      DEMO_SHOP,
      `${label}.jpg`,
      await shot(
        COLOURS[Math.max(0, season.indexOf(product)) % COLOURS.length]!,
        label,
      ),
    );
    for (const tag of tags)
      await db.assetTag.create({ data: { assetId, shop: DEMO_SHOP, tag } });
    await linkAssets(DEMO_SHOP, {
      assetIds: [assetId],
      productId: product.id,
      role,
    });
  }

  const launchStatus = async (id: string) =>
    (await getLaunch(DEMO_SHOP, id)).status;

  beforeAll(async () => {
    // A season not yet on sale: four products made DRAFT in Shopify before the app mirrors them.
    const { drafts, ids } = await seedDraftSeason(emulator, 4);
    const pick = (p: (typeof drafts)[number]): Season => ({
      id: ids.get(p.id)!,
      gid: p.id,
      handle: p.handle,
      skus: skusOf(emulator, p),
    });
    season = drafts.slice(0, 3).map(pick);
    late = pick(drafts[3]!);
    // Same product type for the three, so the blockers speak of them by name.
    await db.product.updateMany({
      where: { id: { in: season.map((p) => p.id) } },
      data: { productType: "Coat" },
    });
    await configureMarketplace(DEMO_SHOP, {
      url: `${await receiver.listen()}/v1`,
      keyId: "vitrine-test",
      secret: "marketplace-secret-1234",
    });
    workers = startWorkers({ queues: LAUNCH_SYNC_QUEUES, concurrency: 4 });
    relay = startOutboxRelay(50);
    // The first coat has every shot the marketplace asks for; the other two only a front view.
    await link(season[0]!, "FRONT", "front-0");
    await link(season[0]!, "BACK", "back-0");
    await link(season[0]!, "BACK", "model-0", ["model"]);
    await link(season[1]!, "FRONT", "front-1");
    await link(season[2]!, "FRONT", "front-2");
    await link(late, "FRONT", "front-late");
  }, 60_000);

  afterAll(async () => {
    await relay.stop();
    await workers.close();
    await closeLocks();
    await receiver.close();
  });

  return {
    emulator,
    receiver,
    /** The three products of the season, in order. */
    get season() {
      return season;
    },
    /** A fourth product, added to a later drop. */
    get late() {
      return late;
    },
    visible,
    hidden,
    shown,
    link,
    launchStatus,
  };
}
