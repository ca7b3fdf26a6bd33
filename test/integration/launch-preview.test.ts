// The UNLISTED preview of a launch, checked from outside: before go-live a previewed product's page opens from its
// link (Shopify's answer) while the store never lists it and the feed never serves it; go-live makes it ACTIVE and
// a rollback puts back the status it had before the preview (DRAFT), not UNLISTED.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobPending } from "~/jobs/enqueue.server";
import {
  endPreviewProducts,
  previewLaunchProducts,
} from "~/launch/preview.server";
import { closeLocks } from "~/sync/locks.server";
import {
  createLaunch,
  getLaunch,
  goLiveNow,
  deleteLaunch,
  endPreview,
  previewLaunch,
  rollbackLaunch,
} from "~/launch/launch.server";
import { startOutboxRelay, type RelayLoop } from "~/outbox/relay.server";
import { googleFeedXml } from "~/sync/channels/google.server";
import { linkAssets } from "~/sync/links.db.server";
import { startWorkers, type RunningWorkers } from "~/worker/run.server";
import {
  onlineStorePublication,
  resourcePublication,
} from "../../emulator/publications";
import { DEMO_SHOP } from "../../emulator/seed/seed";
import { testEmulator } from "../../emulator/testing";
import {
  LAUNCH_SYNC_QUEUES,
  seedDraftSeason,
  skusOf,
} from "../support/launch-season";
import { coatPackshot, createAsset } from "../support/factories/asset";
import { eventually } from "../support/wait";

const emulator = testEmulator({ mediaProcessingMs: 30, bulkOperationMs: 30 });
let workers: RunningWorkers;
let relay: RelayLoop;
let drafts: { gid: string; handle: string; skus: string[] }[];

const storefront = (handle: string) =>
  emulator.handle(new Request(`https://${DEMO_SHOP}/products/${handle}.js`));
const page = async (handle: string) => (await storefront(handle)).status;
/** The images a shopper sees on the product page (its gallery), by their CDN URLs. */
const gallery = async (handle: string) =>
  (
    (await (await storefront(handle)).json()) as {
      media: { src?: string; preview_image?: { src: string } }[];
    }
  ).media;
const listedHandles = async () =>
  (
    (await (
      await emulator.handle(new Request(`https://${DEMO_SHOP}/products.json`))
    ).json()) as { products: { handle: string }[] }
  ).products.map((p) => p.handle);
const inFeed = async (skus: string[]) => {
  const xml = await googleFeedXml(DEMO_SHOP);
  return skus.some((sku) => xml.includes(`<g:id>${sku}</g:id>`));
};
const statusOf = (gid: string) =>
  emulator.shop(DEMO_SHOP).products.get(gid)!.status;

beforeAll(async () => {
  const { drafts: products, ids } = await seedDraftSeason(emulator, 2);
  // The first product has its approved packshot linked before any staging: the launch gate leaves its upload to
  // staging's bulk step, unless the product is previewed first.
  const { assetId } = await createAsset(
    DEMO_SHOP,
    "preview-front.jpg",
    await coatPackshot(2),
  );
  await linkAssets(DEMO_SHOP, {
    assetIds: [assetId],
    productId: ids.get(products[0]!.id)!,
    role: "FRONT",
  });
  drafts = products.map((p) => ({
    gid: p.id,
    handle: p.handle,
    skus: skusOf(emulator, p),
  }));
  workers = startWorkers({ queues: LAUNCH_SYNC_QUEUES, concurrency: 4 });
  relay = startOutboxRelay(50);
}, 60_000);

afterAll(async () => {
  await relay.stop();
  await workers.close();
  await closeLocks();
});

describe("the UNLISTED preview of a launch", () => {
  let launchId: string;

  it("gives each hidden product a link that opens its page, while the store lists nothing and the feed serves nothing", async () => {
    ({ id: launchId } = await createLaunch(DEMO_SHOP, {
      name: "Preview drop",
      selection: { kind: "products", productIds: drafts.map((d) => d.gid) },
    }));
    expect(await Promise.all(drafts.map((d) => page(d.handle)))).toEqual([
      404, 404,
    ]);
    await previewLaunch(DEMO_SHOP, launchId);
    const launch = await eventually(
      () => getLaunch(DEMO_SHOP, launchId),
      (l) => l.products.every((p) => p.previewUrl !== null),
      { what: "preview links", timeoutMs: 30_000 },
    );
    expect(launch.error).toBeNull();
    expect(new Set(launch.products.map((p) => p.previewUrl))).toEqual(
      new Set(drafts.map((d) => `https://${DEMO_SHOP}/products/${d.handle}`)),
    );
    expect(launch.products.map((p) => p.status)).toEqual([
      "UNLISTED",
      "UNLISTED",
    ]);
    expect(drafts.map((d) => statusOf(d.gid))).toEqual([
      "UNLISTED",
      "UNLISTED",
    ]);
    expect(await Promise.all(drafts.map((d) => page(d.handle)))).toEqual([
      200, 200,
    ]);
    const listed = await listedHandles();
    expect(drafts.filter((d) => listed.includes(d.handle))).toEqual([]);
    for (const d of drafts) expect(await inFeed(d.skus)).toBe(false);
    // Previewed before staging, the page shows the linked image (the gate gave the upload back to the pair run).
    await eventually(
      () => gallery(drafts[0]!.handle),
      (media) => media.length === 1,
      { what: "the previewed page's image", timeoutMs: 30_000 },
    );
  }, 60_000);

  it("ends the preview before go-live: hidden again as before, the links gone; a previewed launch is not deleted", async () => {
    await expect(deleteLaunch(DEMO_SHOP, launchId)).rejects.toThrow(
      "End the preview first: 2 product(s)",
    );
    await endPreview(DEMO_SHOP, launchId);
    const ended = await eventually(
      () => getLaunch(DEMO_SHOP, launchId),
      (l) => l.previewCount === 0,
      { what: "preview ended", timeoutMs: 30_000 },
    );
    expect(ended.error).toBeNull();
    expect(ended.products.map((p) => [p.previewUrl, p.status])).toEqual([
      [null, "DRAFT"],
      [null, "DRAFT"],
    ]);
    // Outside: DRAFT in Shopify, off the Online Store, the pages gone.
    expect(drafts.map((d) => statusOf(d.gid))).toEqual(["DRAFT", "DRAFT"]);
    const shop = emulator.shop(DEMO_SHOP);
    const store = onlineStorePublication(shop)!;
    for (const d of drafts)
      expect(
        resourcePublication(shop.products.get(d.gid)!, store.id),
      ).toBeUndefined();
    expect(await Promise.all(drafts.map((d) => page(d.handle)))).toEqual([
      404, 404,
    ]);
    // Previewed again for the go-live below.
    await previewLaunch(DEMO_SHOP, launchId);
    await eventually(
      () => getLaunch(DEMO_SHOP, launchId),
      (l) => l.previewCount === 2,
      { what: "previewed again", timeoutMs: 30_000 },
    );
  }, 90_000);

  it("goes live as usual (the link gone from the board), and a rollback restores DRAFT, not UNLISTED", async () => {
    await goLiveNow(DEMO_SHOP, launchId);
    const live = await eventually(
      () => getLaunch(DEMO_SHOP, launchId),
      (l) => l.status === "LIVE",
      { what: "launch live", timeoutMs: 60_000 },
    );
    expect(live.products.map((p) => p.previewUrl)).toEqual([null, null]);
    expect(drafts.map((d) => statusOf(d.gid))).toEqual(["ACTIVE", "ACTIVE"]);
    expect(
      (await listedHandles()).filter((h) => drafts.some((d) => d.handle === h)),
    ).toHaveLength(2);
    await expect(previewLaunch(DEMO_SHOP, launchId)).rejects.toThrow(
      "no preview",
    );
    await rollbackLaunch(DEMO_SHOP, launchId);
    await eventually(
      () => getLaunch(DEMO_SHOP, launchId),
      (l) => l.status === "ROLLED_BACK",
      { what: "rolled back", timeoutMs: 60_000 },
    );
    expect(drafts.map((d) => statusOf(d.gid))).toEqual(["DRAFT", "DRAFT"]);
    expect(await Promise.all(drafts.map((d) => page(d.handle)))).toEqual([
      404, 404,
    ]);
  }, 120_000);

  it("stays hidden when End preview follows Preview at once, whichever job runs first", async () => {
    const { id } = await createLaunch(DEMO_SHOP, {
      name: "Second thoughts",
      selection: { kind: "products", productIds: drafts.map((d) => d.gid) },
    });
    const hidden = async () => {
      expect(drafts.map((d) => statusOf(d.gid))).toEqual(["DRAFT", "DRAFT"]);
      expect(await Promise.all(drafts.map((d) => page(d.handle)))).toEqual([
        404, 404,
      ]);
    };
    // The worst order, by hand while the worker is paused: the end's job runs first (nothing to end yet), then the
    // preview's. It must stand down: the merchant's last word was End preview.
    await Promise.all(workers.workers.map((w) => w.pause()));
    try {
      await previewLaunch(DEMO_SHOP, id);
      await endPreview(DEMO_SHOP, id);
      expect(await endPreviewProducts(DEMO_SHOP, id)).toEqual({
        ended: 0,
        failed: 0,
      });
      expect(await previewLaunchProducts(DEMO_SHOP, id)).toEqual({
        skipped: "preview ended",
      });
      await hidden();
    } finally {
      workers.workers.forEach((w) => w.resume());
    }
    // Then the queued jobs themselves, in the worker.
    const payload = { shop: DEMO_SHOP, launchId: id };
    await eventually(
      async () =>
        (await jobPending("launch.preview", payload)) ||
        (await jobPending("launch.end-preview", payload)),
      (pending) => !pending,
      { what: "both jobs done", timeoutMs: 30_000 },
    );
    // Outside: still DRAFT in Shopify, no page; no link on the board.
    await hidden();
    expect((await getLaunch(DEMO_SHOP, id)).previewCount).toBe(0);
    await deleteLaunch(DEMO_SHOP, id);
  }, 60_000);

  it("goes live for good when Go live now follows Preview at once: the preview never makes a live product Unlisted", async () => {
    const { id } = await createLaunch(DEMO_SHOP, {
      name: "Hasty drop",
      selection: { kind: "products", productIds: drafts.map((d) => d.gid) },
    });
    // Both jobs are queued together and the worker runs up to 4 at once: their bulk mutations would interleave.
    await previewLaunch(DEMO_SHOP, id);
    await goLiveNow(DEMO_SHOP, id);
    // The storefront is the channel the preview touches (the second product has no image: Google fails it).
    const storefrontLive = (l: Awaited<ReturnType<typeof getLaunch>>) =>
      l.progress.find((p) => p.channel === "SHOPIFY_STOREFRONT")?.live;
    const live = await eventually(
      () => getLaunch(DEMO_SHOP, id),
      (l) => l.status === "LIVE" && storefrontLive(l) === 2,
      { what: "launch live on the storefront", timeoutMs: 60_000 },
    );
    await eventually(
      () => jobPending("launch.preview", { shop: DEMO_SHOP, launchId: id }),
      (pending) => !pending,
      { what: "the preview job done", timeoutMs: 30_000 },
    );
    expect(live.error).toBeNull();
    // Outside: ACTIVE in Shopify, listed by the store, no preview link left.
    expect(drafts.map((d) => statusOf(d.gid))).toEqual(["ACTIVE", "ACTIVE"]);
    expect(
      (await listedHandles()).filter((h) => drafts.some((d) => d.handle === h)),
    ).toHaveLength(2);
    expect(
      (await getLaunch(DEMO_SHOP, id)).products.map((p) => p.previewUrl),
    ).toEqual([null, null]);
  }, 120_000);
});
