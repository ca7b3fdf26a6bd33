// A replacement's storefront rendition is made by the `dam.renditions` job, while the new version waits for
// approval, so the push after approval uses it instead of rendering on the way to the storefront.
import { describe, expect, it } from "vitest";
import { addVersion } from "~/dam/ingest.server";
import { approveVersion } from "~/dam/versions.server";
import db from "~/db.server";
import { logger } from "~/lib/logger.server";
import { storefrontRendition } from "~/sync/storefront/rendition.server";
import { renderRenditionsProcessor } from "~/worker/processors/dam.server";
import { photo } from "../support/dam";
import { createAsset } from "../support/factories/asset";

const SHOP = "prerender.myshopify.com";
const context = { jobId: "t", attemptsMade: 0, log: logger };

async function newVersion(assetId: string, seed: number) {
  const { version } = await addVersion({
    shop: SHOP,
    assetId,
    filename: `v${seed}.jpg`,
    data: await photo({ width: 1200, height: 1200, seed }),
    actor: "user:1",
  });
  await renderRenditionsProcessor(
    { shop: SHOP, assetId, versionId: version.id },
    context,
  );
  return version.id;
}

const storefrontRows = (versionId: string) =>
  db.rendition.findMany({
    where: { shop: SHOP, versionId, profileId: { startsWith: "storefront" } },
  });

describe("storefront rendition of a replacement", () => {
  it("is rendered before approval for an asset on the storefront, and the push after approval reuses it", async () => {
    const { assetId } = await createAsset(
      SHOP,
      "coat.jpg",
      await photo({ width: 1200, height: 1200, seed: 1 }),
    );
    await db.shopifyFile.create({
      data: {
        shop: SHOP,
        assetId,
        fileGid: "gid://shopify/MediaImage/1",
        extension: "jpg",
      },
    });
    const versionId = await newVersion(assetId, 2);
    const rendered = await storefrontRows(versionId);
    expect(rendered).toHaveLength(1);
    expect(rendered[0]!.mime).toBe("image/jpeg");

    await approveVersion({ shop: SHOP, assetId, versionId, actor: "user:1" });
    const pushed = await storefrontRendition(SHOP, assetId);
    expect(pushed).toMatchObject({
      versionId,
      storageKey: rendered[0]!.storageKey,
    });
    expect(await storefrontRows(versionId)).toHaveLength(1);
  });

  it("is left to the first push for an asset not on the storefront yet", async () => {
    const { assetId } = await createAsset(
      SHOP,
      "scarf.jpg",
      await photo({ width: 1200, height: 1200, seed: 3 }),
    );
    const versionId = await newVersion(assetId, 4);
    expect(await storefrontRows(versionId)).toEqual([]);
  });
});
