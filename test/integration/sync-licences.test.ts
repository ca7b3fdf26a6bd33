// Licences on every channel, checked from outside the app (the emulator's storefront view, the feed as served):
// an asset past its `valid until` is withdrawn and the next approved image for its role takes its place; an asset
// before its `valid from` is never published, and appears once the window opens. Time passing is modelled by
// moving the licence window into the past, exactly what the clock does to a stored date.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { closeLocks } from "~/sync/locks.server";
import { startOutboxRelay, type RelayLoop } from "~/outbox/relay.server";
import { googleFeedXml } from "~/sync/channels/google.server";
import { expiringAssets } from "~/sync/licences.db.server";
import { linkAssetsByOption } from "~/sync/links.db.server";
import { sweepLicences } from "~/sync/reconciler.server";
import { startWorkers, type RunningWorkers } from "~/worker/run.server";
import { connectAppTo } from "../support/app-emulator";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import { DEMO_SHOP, seedShop } from "../../emulator/seed/seed";
import { testEmulator } from "../../emulator/testing";
import { storeOfflineSessionWithToken } from "../support/shopify";
import { createAsset, mirrorFromEmulator } from "../support/sync";
import { eventually } from "../support/wait";

const emulator = testEmulator({ mediaProcessingMs: 30 });
let workers: RunningWorkers;
let relay: RelayLoop;
let coat: { id: string; handle: string };
let colour = COLOURS[0]!;

const packshot = (label: string) =>
  studioImage({
    family: "coat",
    colour,
    width: 1200,
    height: 1500,
    label,
    packshot: true,
    format: "jpeg",
  });

async function storefront() {
  const response = await emulator.handle(
    new Request(`https://${DEMO_SHOP}/products/${coat.handle}.js`),
  );
  return (await response.json()) as {
    media: { id: number }[];
    variants: { id: number; featured_image: { id: number } | null }[];
  };
}

const fileNumber = async (assetId: string) => {
  const file = await db.shopifyFile.findUnique({
    where: { shop_assetId: { shop: DEMO_SHOP, assetId } },
  });
  return file ? Number(file.fileGid.split("/").pop()) : null;
};
const sha = async (assetId: string) =>
  (
    await db.assetVersion.findFirstOrThrow({
      where: { assetId },
      orderBy: { createdAt: "desc" },
    })
  ).sha256;
const settled = async () => {
  const rows = await db.syncState.findMany({
    where: { shop: DEMO_SHOP, productId: coat.id },
  });
  return (
    rows.length > 0 &&
    rows.every(
      (r) =>
        ["LIVE", "NOT_LISTED"].includes(r.status) &&
        r.confirmedRevision === r.desiredRevision,
    )
  );
};

beforeAll(async () => {
  await seedShop(emulator, DEMO_SHOP, { factor: 0.02, images: false });
  connectAppTo(emulator);
  await storeOfflineSessionWithToken(
    DEMO_SHOP,
    emulator.issueAccessToken(DEMO_SHOP),
  );
  const seeded = [...emulator.shop(DEMO_SHOP).products.values()].find(
    (p) => p.status === "ACTIVE" && p.variantIds.length >= 2,
  )!;
  const productIds = await mirrorFromEmulator(emulator, DEMO_SHOP);
  const first = emulator.shop(DEMO_SHOP).variants.get(seeded.variantIds[0]!)!;
  const colourName = first.selectedOptions.find(
    (o) => o.name === "Colour",
  )!.value;
  colour = COLOURS.find((c) => c.name === colourName)!;
  coat = { id: productIds.get(seeded.id)!, handle: seeded.handle };
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
});

describe("licences", () => {
  let campaign: string;
  let studio: string;
  let embargoed: string;

  it("never publishes an asset before its valid-from, and lists assets about to expire", async () => {
    campaign = (
      await createAsset(DEMO_SHOP, "campaign.jpg", await packshot("campaign"))
    ).assetId;
    studio = (
      await createAsset(DEMO_SHOP, "studio.jpg", await packshot("studio"))
    ).assetId;
    embargoed = (
      await createAsset(DEMO_SHOP, "embargo.jpg", await packshot("embargo"))
    ).assetId;
    const inAnHour = new Date(Date.now() + 3600_000);
    await db.asset.update({
      where: { id: campaign },
      data: { validUntil: new Date(Date.now() + 3 * 86400_000) },
    });
    await db.asset.update({
      where: { id: embargoed },
      data: { validFrom: inAnHour },
    });
    // The campaign shot first, the studio shot as the next image for the role, the embargoed one last.
    await linkAssetsByOption(DEMO_SHOP, {
      assetIds: [campaign, studio, embargoed],
      optionName: "Colour",
      optionValue: colour.name,
      role: "FRONT",
      productIds: [coat.id],
    });
    await eventually(settled, Boolean, { what: "coat live on every channel" });

    const view = await storefront();
    const media = view.media.map((m) => m.id);
    expect(media).toContain(await fileNumber(campaign));
    expect(media).toContain(await fileNumber(studio));
    expect(await fileNumber(embargoed)).toBeNull();
    expect(view.variants.map((v) => v.featured_image?.id)).toContain(
      await fileNumber(campaign),
    );
    const feed = await googleFeedXml(DEMO_SHOP);
    expect(feed).toContain(await sha(campaign));
    expect(feed).not.toContain(await sha(embargoed));

    const expiring = await expiringAssets(DEMO_SHOP, 7);
    expect(expiring.map((a) => a.id)).toEqual([campaign]);
    expect(expiring[0]!.products.map((p) => p.id)).toEqual([coat.id]);
    // Nothing crossed a boundary yet: the sweep announces nothing.
    expect(await sweepLicences()).toBe(0);
  });

  it("withdraws an expired asset from every channel and puts the next image for the role in its place", async () => {
    const campaignFile = await fileNumber(campaign);
    const studioFile = await fileNumber(studio);
    await db.asset.update({
      where: { id: campaign },
      data: { validUntil: new Date() },
    });
    expect(await sweepLicences(new Date(Date.now() + 1))).toBe(1);
    // Announced once, however many workers sweep.
    expect(await sweepLicences(new Date(Date.now() + 1))).toBe(0);

    await eventually(
      async () => (await storefront()).media.map((m) => m.id),
      (media) => !media.includes(campaignFile!),
      { what: "the expired image gone from the storefront" },
    );
    await eventually(settled, Boolean, { what: "coat settled again" });
    const view = await storefront();
    const linkedImages = view.variants
      .map((v) => v.featured_image?.id)
      .filter((id) => id !== undefined);
    expect(linkedImages).toContain(studioFile);
    expect(linkedImages).not.toContain(campaignFile);
    const feed = await googleFeedXml(DEMO_SHOP);
    expect(feed).not.toContain(await sha(campaign));
    expect(feed).toContain(await sha(studio));

    const hops = await db.syncHop.findMany({
      where: { shop: DEMO_SHOP, productId: coat.id, assetId: campaign },
    });
    expect(hops.filter((h) => h.kind === "WITHDRAWAL").length).toBeGreaterThan(
      0,
    );
  });

  it("publishes an asset once its valid-from has passed", async () => {
    await db.asset.update({
      where: { id: embargoed },
      data: { validFrom: new Date() },
    });
    expect(await sweepLicences(new Date(Date.now() + 1))).toBe(1);
    await eventually(
      async () => ({
        media: (await storefront()).media.map((m) => m.id),
        file: await fileNumber(embargoed),
      }),
      ({ media, file }) => file !== null && media.includes(file),
      { what: "the embargoed image on the storefront once its window opened" },
    );
    await eventually(settled, Boolean, { what: "coat settled again" });
    expect(await googleFeedXml(DEMO_SHOP)).not.toContain(await sha(campaign));
  });
});
