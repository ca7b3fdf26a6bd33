// A version's channel renditions come from one decode of its master: the first feed or item channel asking for
// one renders the shop's other enabled channels' with it (each to its own profile, checked and cached), so the
// next channel finds its rendition ready. A channel that is off gets none, nor the storefront once the asset has
// a Shopify file (its renditions then keep that file's extension); the storefront's own push renders only its.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNELS } from "~/channels/kinds";
import { renderImage, renderImages } from "~/dam/image.server";
import { ingestUpload } from "~/dam/ingest.server";
import db from "~/db.server";
import { channelRendition } from "~/sync/renditions.server";
import { photo, removeDir, useTempStorageDir } from "../support/dam";

const shop = "one-decode.myshopify.com";
let dir: string;
let master: Buffer;

beforeAll(async () => {
  dir = await useTempStorageDir();
  await db.shop.create({ data: { shop } });
  await db.channel.createMany({
    data: [
      { shop, kind: "SHOPIFY_STOREFRONT", enabled: true, config: {} },
      {
        shop,
        kind: "GOOGLE_MERCHANT",
        enabled: true,
        config: { feedToken: "g".repeat(32) },
      },
      {
        shop,
        kind: "META_CATALOG",
        enabled: true,
        config: { feedToken: "m".repeat(32) },
      },
    ],
  });
  master = await photo({ width: 1600, height: 1200, seed: 7 });
});
afterAll(() => removeDir(dir));

describe("channel renditions from one decode", () => {
  it("renders every enabled channel's rendition of a version when a feed channel asks for its own", async () => {
    const result = await ingestUpload({
      shop,
      filename: "coat.jpg",
      data: master,
      actor: "user:1",
    });
    if (!("asset" in result)) throw new Error("expected a new asset");
    const versionId = result.version.id;

    const google = await channelRendition(shop, versionId, "GOOGLE_MERCHANT");
    expect(google).toMatchObject({ rendered: true, width: 1500 });
    const rows = await db.rendition.findMany({
      where: { shop, versionId },
      select: { profileId: true, width: true, height: true },
    });
    // Google's, and the storefront's and Meta's with it; the marketplace is off.
    expect(rows.map((r) => r.profileId).sort()).toEqual(
      ["google", "meta", "storefront"].sort(),
    );
    expect(rows.find((r) => r.profileId === "meta")).toMatchObject({
      width: 1080,
      height: 1080,
    });
    await expect(
      channelRendition(shop, versionId, "META_CATALOG"),
    ).resolves.toMatchObject({ rendered: false, width: 1080, height: 1080 });
    await expect(
      channelRendition(shop, versionId, "SHOPIFY_STOREFRONT"),
    ).resolves.toMatchObject({ rendered: false, width: 1600, height: 1200 });
  });

  it("renders only the storefront's when the storefront asks (its push is the latency-critical path)", async () => {
    const result = await ingestUpload({
      shop,
      filename: "coat-3.jpg",
      data: await photo({ width: 1200, height: 1200, seed: 9 }),
      actor: "user:1",
    });
    if (!("asset" in result)) throw new Error("expected a new asset");
    await channelRendition(shop, result.version.id, "SHOPIFY_STOREFRONT");
    const rows = await db.rendition.findMany({
      where: { shop, versionId: result.version.id },
      select: { profileId: true },
    });
    expect(rows.map((r) => r.profileId)).toEqual(["storefront"]);
  });

  it("leaves out the storefront's once the asset has a Shopify file (its renditions keep that file's extension)", async () => {
    const result = await ingestUpload({
      shop,
      filename: "coat-2.jpg",
      data: await photo({ width: 1200, height: 1200, seed: 8 }),
      actor: "user:1",
    });
    if (!("asset" in result)) throw new Error("expected a new asset");
    await db.shopifyFile.create({
      data: {
        shop,
        assetId: result.asset.id,
        fileGid: "gid://shopify/MediaImage/1",
        extension: "jpg",
      },
    });
    await channelRendition(shop, result.version.id, "GOOGLE_MERCHANT");
    const rows = await db.rendition.findMany({
      where: { shop, versionId: result.version.id },
      select: { profileId: true },
    });
    expect(rows.map((r) => r.profileId).sort()).toEqual(["google", "meta"]);
  });

  it("gives each profile what rendering it alone gives: size, type and the same picture", async () => {
    const profiles = Object.values(CHANNELS).map((c) => c.profile);
    const together = await renderImages(master, "image/jpeg", profiles);
    for (const [i, profile] of profiles.entries()) {
      const alone = await renderImage(master, "image/jpeg", profile);
      expect({ ...together[i]!, bytes: undefined }).toEqual({
        ...alone,
        bytes: undefined,
      });
      // Same pixels within JPEG noise: compared as small greyscale thumbnails.
      const thumb = (bytes: Buffer) =>
        sharp(bytes).resize(32, 32).greyscale().raw().toBuffer();
      const [a, b] = await Promise.all([
        thumb(together[i]!.bytes),
        thumb(alone.bytes),
      ]);
      const meanDiff =
        a.reduce((sum, v, k) => sum + Math.abs(v - b[k]!), 0) / a.length;
      expect(meanDiff).toBeLessThan(2);
    }
  });
});
