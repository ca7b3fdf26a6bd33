// Launches, checked from outside the app: the emulator's storefront view (what a shopper sees), the Google feed
// as served, and the marketplace's shown listings. The embargo holds until go-live, go-live flips every channel
// (a product whose bulk line fails is retried, one that keeps failing is named), and rollback hides it all again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { closeLocks } from "~/sync/locks.server";
import {
  createLaunch,
  getLaunch,
  goLiveNow,
  launchReadinessCsv,
  listLaunches,
  retryLaunchFailures,
  rollbackLaunch,
  stageLaunch,
} from "~/launch/launch.server";
import { startOutboxRelay, type RelayLoop } from "~/outbox/relay.server";
import { configureMarketplace } from "~/sync/channels/channels.db.server";
import { googleFeedXml } from "~/sync/channels/google.server";
import { linkAssets } from "~/sync/links.db.server";
import { startWorkers, type RunningWorkers } from "~/worker/run.server";
import { MarketplaceReceiver } from "../../emulator/marketplace/receiver";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import { DEMO_SHOP, seedShop } from "../../emulator/seed/seed";
import { testEmulator } from "../../emulator/testing";
import { connectAppTo } from "../support/app-emulator";
import { storeOfflineSessionWithToken } from "../support/shopify";
import { createAsset, mirrorFromEmulator } from "../support/sync";
import { eventually } from "../support/wait";

const emulator = testEmulator({ mediaProcessingMs: 30, bulkOperationMs: 30 });
const receiver = new MarketplaceReceiver(
  "vitrine-test",
  "marketplace-secret-1234",
);
let workers: RunningWorkers;
let relay: RelayLoop;

interface Season {
  id: string;
  gid: string;
  handle: string;
  skus: string[];
}
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
  await seedShop(emulator, DEMO_SHOP, { factor: 0.05, images: false });
  connectAppTo(emulator);
  await storeOfflineSessionWithToken(
    DEMO_SHOP,
    emulator.issueAccessToken(DEMO_SHOP),
  );
  // A season not yet on sale: four products made DRAFT in Shopify before the app mirrors them.
  const drafts = [...emulator.shop(DEMO_SHOP).products.values()]
    .filter((p) => p.variantIds.length > 1)
    .slice(0, 4);
  for (const product of drafts) product.status = "DRAFT";
  const ids = await mirrorFromEmulator(emulator, DEMO_SHOP);
  const pick = (p: (typeof drafts)[number]): Season => ({
    id: ids.get(p.id)!,
    gid: p.id,
    handle: p.handle,
    skus: p.variantIds
      .map((v) => emulator.shop(DEMO_SHOP).variants.get(v)!.sku)
      .filter((s): s is string => Boolean(s)),
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
  workers = startWorkers({
    queues: ["sync", "sync-storefront", "sync-feeds", "sync-marketplace"],
    concurrency: 4,
  });
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

describe("a seasonal launch", () => {
  let launchId: string;
  let dropId: string;

  it("lists blockers that match each channel's required shots, and exports the board", async () => {
    ({ id: launchId } = await createLaunch(DEMO_SHOP, {
      name: "AW26",
      selection: { kind: "products", productIds: season.map((p) => p.gid) },
    }));
    const launch = await getLaunch(DEMO_SHOP, launchId);
    expect(launch).toMatchObject({ status: "DRAFT", productCount: 3 });
    // Only the first coat has every shot: the list counts it ready before go-live, as the page does.
    expect(launch.readyCount).toBe(1);
    expect((await listLaunches(DEMO_SHOP))[0]).toMatchObject({
      id: launchId,
      readyCount: 1,
    });
    const shots = launch.blockers.filter((b) => b.kind === "shot");
    expect(shots.map((b) => [b.channel, b.detail, b.count, b.message])).toEqual(
      [
        ["MARKETPLACE", "back", 2, "2 coats lack a back view"],
        ["MARKETPLACE", "model", 2, "2 coats lack a model shot"],
      ],
    );
    expect(new Set(shots[0]!.productIds)).toEqual(
      new Set([season[1]!.id, season[2]!.id]),
    );
    const first = launch.products.find((p) => p.productId === season[0]!.id)!;
    expect(
      first.channels.find((c) => c.channel === "MARKETPLACE")!.missingShots,
    ).toEqual([]);
    // Meta is off for this shop: left out, never a blocker.
    expect(
      first.channels.find((c) => c.channel === "META_CATALOG")!.state,
    ).toBe("EXCLUDED");
    const csv = await launchReadinessCsv(DEMO_SHOP, launchId);
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(1 + 3 * 3);
    expect(
      lines.filter(
        (l) => l.includes("MARKETPLACE") && l.includes("back model"),
      ),
    ).toHaveLength(2);
  });

  it("stages under embargo: nothing is visible anywhere, even a product switched ACTIVE early", async () => {
    await stageLaunch(DEMO_SHOP, launchId);
    await eventually(
      () => launchStatus(launchId),
      (s) => s === "STAGED",
      {
        what: "launch staged",
        timeoutMs: 60_000,
      },
    );
    expect(await visible(season)).toEqual(hidden(3));
    // Listings are prepared at the marketplace, inactive.
    expect(
      [...receiver.listings.values()]
        .filter((l) => season[0]!.skus.includes(l.sku))
        .every((l) => l.active === false),
    ).toBe(true);
    expect(receiver.listings.size).toBeGreaterThan(0);
    // A merchant flips a product ACTIVE by hand: the gate still keeps it out of the feed.
    await db.product.update({
      where: { id: season[1]!.id },
      data: { status: "ACTIVE" },
    });
    expect((await visible(season)).feed).toEqual([false, false, false]);
    await db.product.update({
      where: { id: season[1]!.id },
      data: { status: "DRAFT" },
    });
  }, 90_000);

  it("goes live on every channel at once, retrying a product whose bulk line failed", async () => {
    emulator.setFaults(DEMO_SHOP, {
      bulkMutation: {
        failIds: [season[2]!.gid],
        message: "Internal error",
        times: 1,
      },
    });
    await goLiveNow(DEMO_SHOP, launchId);
    await eventually(
      () => launchStatus(launchId),
      (s) => s === "LIVE",
      {
        what: "launch live",
        timeoutMs: 60_000,
      },
    );
    expect(await visible(season)).toEqual(shown(3));
    const [summary] = await listLaunches(DEMO_SHOP);
    expect(summary!.allLiveAt).not.toBeNull();
    expect(summary!.readyCount).toBeNull();
    for (const channel of summary!.progress.filter((c) => c.total > 0)) {
      expect(channel).toMatchObject({ total: 3, live: 3, failed: 0 });
      expect(channel.goLiveToAllLiveMs).toBeGreaterThanOrEqual(0);
    }
  }, 90_000);

  it("rolls back: unpublished and hidden on every channel", async () => {
    await rollbackLaunch(DEMO_SHOP, launchId);
    await eventually(
      () => launchStatus(launchId),
      (s) => s === "ROLLED_BACK",
      {
        what: "launch rolled back",
        timeoutMs: 60_000,
      },
    );
    await eventually(
      () => visible(season),
      (v) => JSON.stringify(v) === JSON.stringify(hidden(3)),
      {
        what: "every channel hidden again",
      },
    );
    const published = emulator.shop(DEMO_SHOP).products.get(season[0]!.gid)!;
    expect(published.status).toBe("DRAFT");
  }, 90_000);

  it("names a product that keeps failing in the bulk result and keeps it under embargo", async () => {
    emulator.setFaults(DEMO_SHOP, {
      bulkMutation: { failIds: [late.gid], message: "Product is locked" },
    });
    const { id } = await createLaunch(DEMO_SHOP, {
      name: "Drop 2",
      selection: { kind: "products", productIds: [late.gid, season[0]!.gid] },
    });
    dropId = id;
    await goLiveNow(DEMO_SHOP, id);
    await eventually(
      () => launchStatus(id),
      (s) => s === "LIVE",
      { what: "drop live", timeoutMs: 60_000 },
    );
    const launch = await getLaunch(DEMO_SHOP, id, { filter: "failed" });
    expect(launch.products.map((p) => p.productId)).toEqual([late.id]);
    expect(
      launch.products[0]!.channels.find(
        (c) => c.channel === "SHOPIFY_STOREFRONT",
      ),
    ).toMatchObject({
      state: "FAILED",
      error: expect.stringContaining("Product is locked"),
    });
    expect(
      launch.blockers.find((b) => b.kind === "failed")!.productIds,
    ).toEqual([late.id]);
    expect(launch.allLiveAt).toBeNull();
    expect(await visible([late])).toEqual(hidden(1));
    expect(await visible([season[0]!])).toEqual(shown(1));
  }, 90_000);

  it("retries the failed product once the fault is lifted: only it goes through bulk again, then every channel", async () => {
    // The fault still holds: a retry fails again and names the product again.
    await retryLaunchFailures(DEMO_SHOP, dropId);
    await eventually(
      () => getLaunch(DEMO_SHOP, dropId, { filter: "failed" }),
      (l) => l.status === "LIVE" && l.products.length === 1,
      { what: "retry failed again", timeoutMs: 60_000 },
    );
    expect(await visible([late])).toEqual(hidden(1));
    emulator.setFaults(DEMO_SHOP, {});
    const before = new Set(emulator.shop(DEMO_SHOP).bulkOperations.keys());
    expect(await retryLaunchFailures(DEMO_SHOP, dropId)).toEqual({
      retried: 1,
    });
    await eventually(
      () => getLaunch(DEMO_SHOP, dropId),
      (l) => l.status === "LIVE" && l.allLiveAt !== null,
      { what: "drop all live", timeoutMs: 60_000 },
    );
    expect(await visible([late, season[0]!])).toEqual(shown(2));
    const launch = await getLaunch(DEMO_SHOP, dropId);
    expect(launch.blockers.filter((b) => b.kind === "failed")).toEqual([]);
    for (const row of launch.products)
      for (const pair of row.channels.filter((c) => c.state !== "EXCLUDED"))
        expect(pair).toMatchObject({ state: "LIVE", error: null });
    // The retry's bulk operations carried one line each: the product already live was not flipped again.
    const retryOps = [
      ...emulator.shop(DEMO_SHOP).bulkOperations.values(),
    ].filter((op) => !before.has(op.id) && op.type === "MUTATION");
    expect(retryOps.map((op) => op.rootObjectCount)).toEqual([1, 1]);
    // Nothing failed any more, and a rolled-back launch has no go-live to retry.
    await expect(retryLaunchFailures(DEMO_SHOP, dropId)).rejects.toThrow(
      "No product failed to go live",
    );
    await expect(retryLaunchFailures(DEMO_SHOP, launchId)).rejects.toThrow(
      "no go-live to retry",
    );
  }, 120_000);
});
