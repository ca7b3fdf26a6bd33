// A campaign video and a 3D model published to the Shopify storefront through the whole sync engine (outbox →
// worker → storefront adapter → emulator): attached as VIDEO / MODEL_3D media, never as a variant's image, and a
// replaced video reaches the storefront view as a new file (Shopify's fileUpdate cannot replace a video's content).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { closeLocks } from "~/sync/locks.server";
import { startOutboxRelay, type RelayLoop } from "~/outbox/relay.server";
import { googleFeedXml } from "~/sync/channels/google.server";
import { linkAssets } from "~/sync/links.db.server";
import { startWorkers, type RunningWorkers } from "~/worker/run.server";
import { demoProduct, installDemoShop } from "../support/app-emulator";
import { DEMO_SHOP } from "../../emulator/seed/seed";
import { adminApi, stagedUpload, testEmulator } from "../../emulator/testing";
import { adminClientFor } from "~/shopify/admin-client.server";
import { ensureMediaFile } from "~/sync/storefront/media-files.server";
import { photo } from "../support/dam";
import { clip, glbModel, zipOf } from "../support/media";
import { createAsset, createLinkedImage, replaceAsset } from "../support/sync";
import { eventually } from "../support/wait";

const emulator = testEmulator({ mediaProcessingMs: 30 });
let workers: RunningWorkers;
let relay: RelayLoop;
let coat: { id: string; gid: string; handle: string };
let videoAssetId: string;
let firstFileGid: string;
let packshotVersionId: string;

interface StorefrontMedia {
  id: number;
  media_type: string;
  alt: string;
  duration?: number;
  sources?: { format: string; url: string }[];
  preview_image?: { src: string };
}

async function storefront() {
  const response = await emulator.handle(
    new Request(`https://${DEMO_SHOP}/products/${coat.handle}.js`),
  );
  return (await response.json()) as {
    media: StorefrontMedia[];
    variants: { featured_image: { id: number } | null }[];
  };
}

const storefrontState = () =>
  db.syncState.findFirst({
    where: {
      shop: DEMO_SHOP,
      productId: coat.id,
      channel: "SHOPIFY_STOREFRONT",
    },
  });
const numericId = (gid: string) => Number(gid.split("/").pop());

beforeAll(async () => {
  const productIds = await installDemoShop(emulator);
  coat = demoProduct(emulator, productIds, (p) => p.variantIds.length >= 2);
  workers = startWorkers({
    queues: ["sync", "sync-storefront", "sync-feeds", "sync-marketplace"],
    concurrency: 2,
  });
  relay = startOutboxRelay(50);
  // The product's main image: a white-background packshot, linked before any video.
  const packshot = await createLinkedImage(DEMO_SHOP, {
    filename: "coat-front.jpg",
    image: { width: 1200, height: 1500, packshot: true },
    productId: coat.id,
    role: "FRONT",
  });
  packshotVersionId = packshot.versionId;
});

afterAll(async () => {
  await relay.stop();
  await workers.close();
  await closeLocks();
});

describe("videos and 3D models on the storefront", () => {
  it("attaches a linked video as VIDEO media with its duration, and no variant shows it as its image", async () => {
    const asset = await createAsset(
      DEMO_SHOP,
      "campaign.mp4",
      clip({ seconds: 3, width: 1280, height: 720 }),
    );
    videoAssetId = asset.assetId;
    await db.asset.update({
      where: { id: videoAssetId },
      data: { altText: { en: "Coat on the move" } },
    });
    await linkAssets(DEMO_SHOP, {
      assetIds: [videoAssetId],
      productId: coat.id,
      role: "CAMPAIGN",
    });
    await eventually(storefrontState, (s) => s?.status === "LIVE", {
      what: "storefront live with the video",
    });
    const row = await db.shopifyFile.findUniqueOrThrow({
      where: { shop_assetId: { shop: DEMO_SHOP, assetId: videoAssetId } },
    });
    firstFileGid = row.fileGid;
    expect(row.fileGid).toMatch(/^gid:\/\/shopify\/Video\//);
    const view = await storefront();
    const video = view.media.find((m) => m.id === numericId(row.fileGid));
    expect(video).toMatchObject({
      media_type: "video",
      alt: "Coat on the move",
      duration: 3000,
      sources: [expect.objectContaining({ format: "mp4" })],
    });
    expect(
      view.variants.some(
        (v) => v.featured_image?.id === numericId(row.fileGid),
      ),
    ).toBe(false);
  });

  it("keeps Google's image_link an image and gives it the video's poster frame as an additional image", async () => {
    const [packshot, video] = await Promise.all(
      [packshotVersionId, null].map((id) =>
        db.assetVersion.findFirstOrThrow({
          where: id ? { id } : { assetId: videoAssetId },
        }),
      ),
    );
    const xml = await eventually(
      () => googleFeedXml(DEMO_SHOP),
      (feed) => feed.includes(`${video!.sha256}.google.v1.jpg`),
      { what: "poster frame in the Google feed" },
    );
    const item = xml.split("<item>")[1]!;
    expect(item).toMatch(
      new RegExp(`<g:image_link>[^<]*${packshot!.sha256}\\.google\\.v1\\.jpg`),
    );
    expect(item).toMatch(
      new RegExp(
        `<g:additional_image_link>[^<]*${video!.sha256}\\.google\\.v1\\.jpg`,
      ),
    );
    expect(xml).not.toMatch(/\.mp4/);
  });

  it("publishes a replaced video as a new file on the product and deletes the old one", async () => {
    const { outboxId } = await replaceAsset(
      DEMO_SHOP,
      videoAssetId,
      "campaign-v2.mp4",
      clip({ seconds: 5, width: 640, height: 360 }),
    );
    await eventually(
      () =>
        db.syncHop.findMany({
          where: { outboxId, channel: "SHOPIFY_STOREFRONT" },
        }),
      (hops) => hops.length === 1 && hops[0]!.outcome === "LIVE",
      { what: "replacement live on the storefront" },
    );
    const row = await db.shopifyFile.findUniqueOrThrow({
      where: { shop_assetId: { shop: DEMO_SHOP, assetId: videoAssetId } },
    });
    expect(row.fileGid).not.toBe(firstFileGid);
    expect(emulator.shop(DEMO_SHOP).files.has(firstFileGid)).toBe(false);
    const videos = (await storefront()).media.filter(
      (m) => m.media_type === "video",
    );
    expect(videos).toEqual([
      expect.objectContaining({
        id: numericId(row.fileGid),
        duration: 5000,
        alt: "Coat on the move",
      }),
    ]);
  });

  it("uses the file a lost fileCreate answer left behind instead of creating a second one", async () => {
    const bytes = clip({ seconds: 2 });
    const { assetId, versionId } = await createAsset(
      DEMO_SHOP,
      "teaser.mp4",
      bytes,
    );
    // What Shopify holds after a run whose fileCreate answer never came back: this version's file, unrecorded.
    const api = adminApi(emulator, DEMO_SHOP);
    const filename = `vitrine-${assetId.toLowerCase()}-teaser-v1.mp4`;
    const source = await stagedUpload(emulator, api, {
      filename,
      mimeType: "video/mp4",
      bytes,
      resource: "VIDEO",
    });
    const { data } = await api(
      `mutation C($files: [FileCreateInput!]!) { fileCreate(files: $files) { files { id } } }`,
      { files: [{ originalSource: source, contentType: "VIDEO", filename }] },
    );
    const lostGid = data.fileCreate.files[0].id as string;
    const row = await ensureMediaFile(
      DEMO_SHOP,
      await adminClientFor(DEMO_SHOP),
      {
        assetId,
        versionId,
        title: "teaser",
        alt: "Teaser",
      },
    );
    expect(row).toMatchObject({ fileGid: lostGid, versionId });
    const ours = [...emulator.shop(DEMO_SHOP).files.values()].filter((f) =>
      f.filename.startsWith(`vitrine-${assetId.toLowerCase()}-`),
    );
    expect(ours.map((f) => f.id)).toEqual([lostGid]);
  });

  it("uploads a linked spin's frames and writes their ids, in order, to the product's $app.spin metafield", async () => {
    const frames = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        photo({ width: 1000, height: 1000, seed: i + 11 }),
      ),
    );
    const spin = await createAsset(
      DEMO_SHOP,
      "coat-spin.zip",
      zipOf(frames.map((data, i) => ({ name: `frame_${i + 1}.jpg`, data }))),
    );
    await linkAssets(DEMO_SHOP, {
      assetIds: [spin.assetId],
      productId: coat.id,
      role: "DETAIL",
    });
    const api = adminApi(emulator, DEMO_SHOP);
    const read = async () =>
      (
        await api(
          `query P($id: ID!) { product(id: $id) { metafield(namespace: "$app", key: "spin") { type value } } }`,
          { id: coat.gid },
        )
      ).data.product.metafield as { type: string; value: string } | null;
    const metafield = await eventually(read, (m) => m !== null, {
      what: "the spin metafield",
      timeoutMs: 60_000,
    });
    expect(metafield!.type).toBe("list.file_reference");
    const ids = JSON.parse(metafield!.value) as string[];
    const names = ids.map(
      (id) => emulator.shop(DEMO_SHOP).files.get(id)!.filename,
    );
    expect(names).toEqual(
      frames.map((_, i) =>
        expect.stringMatching(
          new RegExp(
            `^vitrinespin-${spin.assetId.toLowerCase()}-${String(i + 1).padStart(3, "0")}-`,
          ),
        ),
      ),
    );
    await eventually(storefrontState, (s) => s?.status === "LIVE", {
      what: "storefront live with the spin",
    });
  });

  it("attaches a linked GLB as MODEL_3D media", async () => {
    const model = await createAsset(DEMO_SHOP, "coat.glb", glbModel());
    await linkAssets(DEMO_SHOP, {
      assetIds: [model.assetId],
      productId: coat.id,
      role: "DETAIL",
    });
    const shown = await eventually(
      storefront,
      (view) => view.media.some((m) => m.media_type === "model"),
      { what: "3D model on the storefront" },
    );
    expect(shown.media.find((m) => m.media_type === "model")?.sources).toEqual([
      expect.objectContaining({ format: "glb" }),
    ]);
  });
});
