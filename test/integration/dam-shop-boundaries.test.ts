// Shop boundaries in the DAM: another shop's asset is not found for any operation, dedupe is per shop, and
// erasing a shop removes its assets and files and nothing of another shop.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { addVersion, ingestUpload } from "~/dam/ingest.server";
import { runAssetAction, runLibraryAction } from "~/dam/library.server";
import { renderVersionRenditions } from "~/dam/renditions.server";
import { searchAssets } from "~/dam/search.db.server";
import {
  approveVersion,
  archiveAsset,
  restoreVersion,
} from "~/dam/versions.server";
import { eraseShop } from "~/shop/erase.server";
import {
  filesUnder,
  photo,
  removeDir,
  useTempStorageDir,
} from "../support/dam";
import { uploadPhoto } from "../support/factories/asset";

const shopA = "versions-a.myshopify.com";
const shopB = "versions-b.myshopify.com";
const actor = "user:7";
let dir: string;

beforeAll(async () => {
  dir = await useTempStorageDir();
  await db.shop.createMany({ data: [{ shop: shopA }, { shop: shopB }] });
});
afterAll(() => removeDir(dir));

const upload = (shop: string, filename: string) =>
  uploadPhoto(shop, filename, actor);

describe("shop isolation", () => {
  it("answers NotFound to shop B for every operation on shop A's asset, changing nothing", async () => {
    const { asset, version } = await upload(shopA, "private.jpg");
    const ref = {
      shop: shopB,
      assetId: asset.id,
      versionId: version.id,
      actor,
    };
    const notFound = expect.objectContaining({ name: "NotFound" });

    await expect(approveVersion(ref)).rejects.toThrow(notFound);
    await expect(restoreVersion(ref)).rejects.toThrow(notFound);
    await expect(archiveAsset(shopB, asset.id, actor)).rejects.toThrow(
      notFound,
    );
    await expect(
      addVersion({
        shop: shopB,
        assetId: asset.id,
        filename: "x.jpg",
        data: await photo({ seed: 5000 }),
        actor,
      }),
    ).rejects.toThrow(notFound);
    await expect(
      renderVersionRenditions(shopB, asset.id, version.id),
    ).rejects.toThrow(notFound);
    for (const action of [
      { intent: "add-tag", tag: "stolen" },
      { intent: "details", title: "Mine now" },
      { intent: "alt-text", locale: "en", text: "x" },
      { intent: "collect", collection: "B's" },
    ] as const)
      await expect(
        runAssetAction(shopB, asset.id, action, actor),
      ).rejects.toThrow(notFound);
    await expect(
      runLibraryAction(shopB, { intent: "approve", ids: [asset.id] }, actor),
    ).rejects.toThrow(notFound);

    expect((await searchAssets(shopB, {})).items).toEqual([]);
    expect(
      await db.asset.findUniqueOrThrow({ where: { id: asset.id } }),
    ).toMatchObject({
      status: "DRAFT",
      title: "private",
    });
    expect(await db.outbox.count({ where: { aggregateId: asset.id } })).toBe(0);
    expect(await db.assetTag.count({ where: { assetId: asset.id } })).toBe(0);
  });

  it("stores the same bytes for two shops as two assets (dedupe is per shop)", async () => {
    const data = await photo({ seed: 4242 });
    const a = await ingestUpload({
      shop: shopA,
      filename: "same.jpg",
      data,
      actor,
    });
    const b = await ingestUpload({
      shop: shopB,
      filename: "same.jpg",
      data,
      actor,
    });
    expect("asset" in a && "asset" in b).toBe(true);
  });
});

describe("shop erase", () => {
  it("removes the shop's assets, collections and files, and nothing of another shop", async () => {
    const shop = "erase-me.myshopify.com";
    await db.shop.create({ data: { shop } });
    const { asset } = await upload(shop, "gone.jpg");
    await runLibraryAction(
      shop,
      { intent: "collect", ids: [asset.id], collection: "Temp" },
      actor,
    );
    const othersBefore = filesUnder(dir).filter((f) => !f.includes(shop));
    expect(filesUnder(dir).some((f) => f.includes(shop))).toBe(true);

    await eraseShop(shop);

    expect(await db.asset.count({ where: { shop } })).toBe(0);
    expect(await db.assetCollection.count({ where: { shop } })).toBe(0);
    expect(filesUnder(dir).filter((f) => f.includes(shop))).toEqual([]);
    expect(filesUnder(dir).filter((f) => !f.includes(shop))).toEqual(
      othersBefore,
    );
  });
});
