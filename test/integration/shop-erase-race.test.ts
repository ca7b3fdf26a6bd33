// Shop erase against the shop's own background work: queued jobs are removed so none runs later, a job that runs
// anyway finds nothing to recreate, and a rendition job caught mid-write by the erase leaves no file behind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderVersionRenditions } from "~/dam/renditions.server";
import {
  getStorage,
  setStorage,
  type StorageProvider,
} from "~/dam/storage.server";
import db from "~/db.server";
import { getQueue } from "~/jobs/queues.server";
import { NotFound } from "~/lib/errors";
import { eraseShop } from "~/shop/erase.server";
import { createAsset } from "../support/factories/asset";
import {
  filesUnder,
  photo,
  removeDir,
  useTempStorageDir,
} from "../support/dam";

let dir: string;
beforeAll(async () => {
  dir = await useTempStorageDir();
});
afterAll(() => removeDir(dir));

const renditionJob = (shop: string, versionId: string) =>
  getQueue("renditions").getJob(`dam.renditions_${shop}_${versionId}`);

const shopFiles = (shop: string) =>
  filesUnder(dir).filter((file) => file.includes(shop));

async function rowsOf(shop: string): Promise<number> {
  return (
    (await db.asset.count({ where: { shop } })) +
    (await db.assetVersion.count({ where: { shop } })) +
    (await db.shop.count({ where: { shop } }))
  );
}

describe("shop erase and the shop's queued work", () => {
  it("removes the shop's queued jobs, keeps other shops' jobs, and a late run recreates nothing", async () => {
    const shop = "erase-queued.myshopify.com";
    const other = "erase-keep.myshopify.com";
    const mine = await createAsset(shop, "coat.jpg", await photo({ seed: 1 }), {
      approve: false,
    });
    const theirs = await createAsset(
      other,
      "coat.jpg",
      await photo({ seed: 2 }),
      { approve: false },
    );
    expect(await renditionJob(shop, mine.versionId)).toBeTruthy();

    await eraseShop(shop);

    expect(await renditionJob(shop, mine.versionId)).toBeUndefined();
    expect(await renditionJob(other, theirs.versionId)).toBeTruthy();
    // The job body, as a worker that had already picked it up would run it.
    await expect(
      renderVersionRenditions(shop, mine.assetId, mine.versionId),
    ).rejects.toBeInstanceOf(NotFound);
    expect(await rowsOf(shop)).toBe(0);
    expect(shopFiles(shop)).toEqual([]);
    expect(shopFiles(other).length).toBeGreaterThan(0);
    await (await renditionJob(other, theirs.versionId))?.remove();
  });

  it("leaves no rendition file when the erase runs while a rendition job is writing", async () => {
    const shop = "erase-race.myshopify.com";
    const asset = await createAsset(
      shop,
      "coat.jpg",
      await photo({ seed: 3 }),
      {
        approve: false,
      },
    );
    await (await renditionJob(shop, asset.versionId))?.remove();

    // Storage whose rendition writes wait until the erase has run.
    const real = getStorage();
    let writing!: () => void;
    const firstWrite = new Promise<void>((resolve) => (writing = resolve));
    let release!: () => void;
    const erased = new Promise<void>((resolve) => (release = resolve));
    const gated: StorageProvider = Object.create(real) as StorageProvider;
    gated.put = async (key, data) => {
      if (key.startsWith("renditions/")) {
        writing();
        await erased;
      }
      return real.put(key, data);
    };
    setStorage(gated);
    try {
      const job = renderVersionRenditions(shop, asset.assetId, asset.versionId);
      await firstWrite;
      await eraseShop(shop);
      release();
      expect(await job).toEqual({ rendered: 0 });
    } finally {
      setStorage(real);
    }
    expect(await rowsOf(shop)).toBe(0);
    expect(shopFiles(shop)).toEqual([]);
  });
});
