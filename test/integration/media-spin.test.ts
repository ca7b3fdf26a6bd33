// 360° spins (issue #15): a ZIP of ordered frames becomes one image asset whose master is frame 1, so every
// channel without spin support gets frame 1 through the ordinary rendition path.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { hashDistance, probeImage } from "~/dam/image-probe.server";
import { ingestUpload } from "~/dam/ingest.server";
import { spinFramesOf } from "~/dam/spin.server";
import { getStorage } from "~/dam/storage.server";
import { channelRendition } from "~/sync/renditions.server";
import { photo, removeDir, useTempStorageDir } from "../support/dam";
import { refusedUpload } from "../support/refused-upload";
import { zipOf } from "../support/media";

const shop = "spin-shop.myshopify.com";
const actor = "user:1";
let dir: string;
let frames: Buffer[];

beforeAll(async () => {
  dir = await useTempStorageDir();
  await db.shop.create({ data: { shop } });
  frames = await Promise.all(
    Array.from({ length: 24 }, (_, i) =>
      photo({ width: 400, height: 500, seed: i + 1 }),
    ),
  );
});
afterAll(() => removeDir(dir));

const refusal = (filename: string, data: Buffer) =>
  refusedUpload(shop, dir, filename, data);

describe("360° spins", () => {
  it("turns a ZIP of 24 frames into one spin asset, frames in numeric order, and channels get frame 1", async () => {
    // Stored out of order, numbered without zero padding: frame_2 comes before frame_10.
    const entries = frames
      .map((data, i) => ({ name: `coat/frame_${i + 1}.jpg`, data }))
      .reverse();
    entries.push({
      name: "__MACOSX/coat/._frame_1.jpg",
      data: Buffer.from("x"),
    });
    const result = await ingestUpload({
      shop,
      filename: "camel-coat-spin.zip",
      data: zipOf(entries),
      actor,
    });
    if (!("asset" in result)) throw new Error("expected a new asset");
    const { asset, version } = result;
    expect(await db.asset.count({ where: { shop } })).toBe(1);
    expect(asset).toMatchObject({ kind: "IMAGE", title: "camel coat spin" });
    expect(version).toMatchObject({
      mime: "image/jpeg",
      filename: "camel-coat-spin.jpg",
      width: 400,
      height: 500,
    });
    const stored = spinFramesOf(version.media);
    expect(stored.map((f) => f.filename)).toEqual(
      frames.map((_, i) => `frame_${i + 1}.jpg`),
    );
    for (const [i, frame] of stored.entries())
      expect(await getStorage().get(frame.storageKey)).toEqual(frames[i]);
    expect(version.storageKey).toBe(stored[0]!.storageKey);

    const google = await channelRendition(shop, version.id, "GOOGLE_MERCHANT");
    const shown = await probeImage(await getStorage().get(google.storageKey));
    const first = await probeImage(frames[0]!);
    const second = await probeImage(frames[1]!);
    expect(hashDistance(shown.phash, first.phash)).toBeLessThanOrEqual(3);
    expect(hashDistance(shown.phash, second.phash)).toBeGreaterThan(3);
  });

  it("refuses a ZIP with too few frames, and one whose frames differ in size, keeping nothing", async () => {
    expect(
      await refusal(
        "short.zip",
        zipOf(
          frames.slice(0, 3).map((data, i) => ({ name: `${i}.jpg`, data })),
        ),
      ),
    ).toMatch(/at least 8 .* this ZIP has 3/);
    const odd = await photo({ width: 300, height: 500, seed: 40 });
    expect(
      await refusal(
        "mixed.zip",
        zipOf(
          [...frames.slice(0, 9), odd].map((data, i) => ({
            name: `f${i}.jpg`,
            data,
          })),
        ),
      ),
    ).toMatch(/same size \(f9\.jpg is 300×500/);
  });

  it("refuses a damaged ZIP", async () => {
    expect(
      await refusal(
        "broken.zip",
        Buffer.from("PK\u0003\u0004" + "\0".repeat(100)),
      ),
    ).toMatch(/ZIP is damaged/);
  });
});
