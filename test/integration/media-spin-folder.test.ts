// 360° spins uploaded as a folder of frames (the drop zone's folder input): every frame in one multipart form,
// ordered by name like a ZIP's, checked by the same limits.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { spinFramesOf } from "~/dam/spin.server";
import { getStorage } from "~/dam/storage.server";
import { action } from "~/routes/app.assets.upload-spin";
import { bodyRuleFor } from "~/web/body-limits.server";
import { photo, removeDir, useTempStorageDir } from "../support/dam";
import { embeddedFetchRequest, storeOfflineSession } from "../support/shopify";

const shop = "spin-folder.myshopify.com";
let dir: string;
let frames: Buffer[];

beforeAll(async () => {
  dir = await useTempStorageDir();
  await db.shop.create({ data: { shop } });
  await storeOfflineSession(shop);
  frames = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      photo({ width: 300, height: 400, seed: i + 50 }),
    ),
  );
});
afterAll(() => removeDir(dir));

async function post(
  files: { name: string; data: Buffer }[],
  query = "?folder=camel-coat",
) {
  const body = new FormData();
  for (const file of files)
    body.append("frame", new Blob([new Uint8Array(file.data)]), file.name);
  const request = await embeddedFetchRequest(
    `/app/assets/upload-spin${query}`,
    shop,
    { method: "POST", body },
  );
  const response = (await action({
    request,
    params: {},
    context: {},
  })) as Response;
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe("spin folder uploads", () => {
  it("turns a folder of frames, sent in any order, into one spin asset ordered by name", async () => {
    // The browser sends a folder's files in its own order; frame_2 comes before frame_10 all the same.
    const files = frames
      .map((data, i) => ({ name: `frame_${i + 1}.jpg`, data }))
      .reverse();
    const { status, body } = await post(files);
    expect(status).toBe(201);
    expect(body.status).toBe("created");
    const version = await db.assetVersion.findFirstOrThrow({
      where: { shop, assetId: body.assetId as string },
      include: { asset: true },
    });
    expect(version.asset).toMatchObject({
      kind: "IMAGE",
      title: "camel coat",
    });
    const stored = spinFramesOf(version.media);
    expect(stored.map((f) => f.filename)).toEqual(
      frames.map((_, i) => `frame_${i + 1}.jpg`),
    );
    for (const [i, frame] of stored.entries())
      expect(await getStorage().get(frame.storageKey)).toEqual(frames[i]);
  });

  it("refuses a folder with too few frames, or frames that are not images, with the spin's own messages", async () => {
    const few = await post(
      frames.slice(0, 3).map((data, i) => ({ name: `${i}.jpg`, data })),
      "?folder=short",
    );
    expect(few.status).toBe(400);
    expect(JSON.stringify(few.body)).toMatch(/at least 8 .* has 3/);
    const text = await post(
      [
        ...frames.slice(0, 8).map((data, i) => ({ name: `f${i}.jpg`, data })),
        { name: "f8.jpg", data: Buffer.from("not a frame") },
      ],
      "?folder=mixed",
    );
    expect(text.status).toBe(400);
    expect(JSON.stringify(text.body)).toMatch(
      /f8\.jpg is not a readable image/,
    );
    expect(await post([], "?folder=empty")).toMatchObject({ status: 400 });
    expect(await db.asset.count({ where: { shop } })).toBe(1);
  });

  it("refuses more than 144 frames before reading the rest, and lets a folder through the server's upload-sized body limit", async () => {
    const tiny = await photo({ width: 16, height: 16, seed: 99 });
    const many = await post(
      Array.from({ length: 150 }, (_, i) => ({ name: `${i}.jpg`, data: tiny })),
      "?folder=many",
    );
    expect(many.status).toBe(400);
    expect(JSON.stringify(many.body)).toMatch(/at most 144 frames/);
    expect(bodyRuleFor("/app/assets/upload-spin").limit).toBe(
      bodyRuleFor("/app/assets/upload").limit,
    );
    expect(await db.asset.count({ where: { shop } })).toBe(1);
  });
});
