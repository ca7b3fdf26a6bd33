// Direct uploads with S3 storage on the run's local S3-protocol server: the "browser" (fetch here) PUTs to the
// presigned URLs the app hands out; the app then verifies the stored bytes before any asset or version exists.
// Files are served back through presigned redirects.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PART_BYTES } from "~/dam/direct-upload.server";
import {
  LocalStorage,
  masterKey,
  setStorage,
  type S3Storage,
} from "~/dam/storage.server";
import db from "~/db.server";
import { action as planAction } from "~/routes/app.assets.upload-url";
import { loader as libraryLoader } from "~/routes/app.assets._index";
import { loader as fileLoader } from "~/routes/dam.file";
import { photo } from "../support/dam";
import { testS3Storage } from "../support/s3";
import { embeddedFetchRequest, storeOfflineSession } from "../support/shopify";
import {
  args,
  directUploads,
  largePng,
  sha256,
} from "../support/direct-upload";

const shop = "direct-a.myshopify.com";
const otherShop = "direct-b.myshopify.com";
let storage: S3Storage;

beforeAll(async () => {
  storage = testS3Storage();
  setStorage(storage);
  await db.shop.createMany({ data: [{ shop }, { shop: otherShop }] });
  await storeOfflineSession(shop);
  await storeOfflineSession(otherShop);
});
afterAll(() => setStorage(undefined));

const { post, plan, sendParts, complete, stagedKeys } = directUploads(
  shop,
  () => storage,
);

describe("direct uploads to object storage", () => {
  it("creates the asset from what the bucket holds: hash of the stored bytes, type sniffed from them", async () => {
    const file = await photo({ seed: 11, format: "png" });
    const planned = await plan("spring-hat.jpg", file.length);
    expect(planned.multipart).toBe(false);
    await sendParts(planned, file);

    const done = await complete(planned.uploadToken);

    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ status: "created" });
    const version = await db.assetVersion.findFirstOrThrow({
      where: { shop, id: String(done.body.versionId) },
    });
    expect(version).toMatchObject({
      sha256: sha256(file),
      bytes: file.length,
      mime: "image/png",
      filename: "spring-hat.png",
      storageKey: masterKey(shop, sha256(file)),
    });
    expect(await storage.get(version.storageKey)).toEqual(file);
    expect(await stagedKeys()).toBe(0);
  });

  it("joins a multipart upload of a large file and records it", async () => {
    const file = await largePng();
    expect(file.length).toBeGreaterThan(PART_BYTES);
    const planned = await plan("noise.png", file.length);
    expect(planned.multipart).toBe(true);
    expect(planned.parts.length).toBe(Math.ceil(file.length / PART_BYTES));

    const done = await complete(
      planned.uploadToken,
      await sendParts(planned, file),
    );

    expect(done.status).toBe(201);
    const version = await db.assetVersion.findFirstOrThrow({
      where: { shop, id: String(done.body.versionId) },
    });
    expect(version.sha256).toBe(sha256(file));
    expect(sha256(await storage.get(version.storageKey))).toBe(sha256(file));
    expect(await stagedKeys()).toBe(0);
  });

  it("uploads a new version of an existing asset, and reports a duplicate of bytes the shop has", async () => {
    const first = await photo({ seed: 12 });
    const planned = await plan("coat.jpg", first.length);
    await sendParts(planned, first);
    const created = await complete(planned.uploadToken);
    const assetId = String(created.body.assetId);

    const second = await photo({ seed: 13 });
    const versionPlan = await plan("coat-v2.jpg", second.length, shop, assetId);
    await sendParts(versionPlan, second);
    const version = await complete(versionPlan.uploadToken);
    expect(version).toMatchObject({
      status: 201,
      body: { status: "version", assetId },
    });

    const again = await plan("coat-copy.jpg", first.length);
    await sendParts(again, first);
    expect(await complete(again.uploadToken)).toMatchObject({
      status: 200,
      body: { status: "duplicate", assetId },
    });
    expect(await stagedKeys()).toBe(0);
  });

  it("refuses a file whose content is not an accepted type and leaves no row and no object", async () => {
    const before = await db.assetVersion.count({ where: { shop } });
    const file = Buffer.concat([Buffer.from("MZ"), randomBytes(4000)]);
    const planned = await plan("photo.jpg", file.length);
    await sendParts(planned, file);

    const done = await complete(planned.uploadToken);

    expect(done.status).toBe(400);
    expect(await db.assetVersion.count({ where: { shop } })).toBe(before);
    expect(await stagedKeys()).toBe(0);
  });

  it("refuses a multipart completion that leaves a part out: the stored size is not the announced one", async () => {
    const before = await db.assetVersion.count({ where: { shop } });
    const file = await largePng();
    const planned = await plan("noise-2.png", file.length);
    const etags = await sendParts(planned, file);

    const done = await complete(planned.uploadToken, etags.slice(0, -1));

    expect(done.status).toBe(400);
    expect(String(done.body.message)).toMatch(/bytes, not the/);
    expect(await db.assetVersion.count({ where: { shop } })).toBe(before);
    expect(await stagedKeys()).toBe(0);
  });

  it("refuses a token of another shop, a forged token, a second completion and a missing file", async () => {
    const file = await photo({ seed: 14 });
    const planned = await plan("scarf.jpg", file.length);
    await sendParts(planned, file);

    expect((await complete(planned.uploadToken, [], otherShop)).status).toBe(
      400,
    );
    const [body, signature] = planned.uploadToken.split(".");
    const claims = JSON.parse(
      Buffer.from(body!, "base64url").toString(),
    ) as Record<string, unknown>;
    const forged = `${Buffer.from(JSON.stringify({ ...claims, bytes: 1 })).toString("base64url")}.${signature}`;
    expect((await complete(forged)).status).toBe(400);

    expect((await complete(planned.uploadToken)).status).toBe(201);
    const second = await complete(planned.uploadToken);
    expect(second.status).toBe(400);
    expect(String(second.body.message)).toMatch(/did not arrive|already/);

    const never = await plan("never-sent.jpg", 1000);
    expect((await complete(never.uploadToken)).status).toBe(400);
  });

  it("refuses to plan a file over the size limit", async () => {
    const answer = await post(planAction, "/app/assets/upload-url", shop, {
      filename: "huge.tif",
      bytes: 10 * 1024 * 1024 * 1024,
    });
    expect(answer.status).toBe(400);
  });

  it("tells the drop zone to upload directly, and serves files by a redirect to a presigned URL", async () => {
    const library = (await libraryLoader(
      args(await embeddedFetchRequest("/app/assets", shop)),
    )) as {
      directUpload: boolean;
      items: { versions?: unknown; downloadUrl?: string }[];
    };
    expect(library.directUpload).toBe(true);

    const file = await photo({ seed: 15 });
    const planned = await plan("boots.jpg", file.length);
    await sendParts(planned, file);
    await complete(planned.uploadToken);
    const { signedFileUrl } = await import("~/dam/file-urls.server");
    const url = signedFileUrl(shop, masterKey(shop, sha256(file)), "boots.jpg");

    const response = await fileLoader(
      args(new Request(`https://app.example${url}`)),
    );

    expect(response.status).toBe(302);
    const download = await fetch(response.headers.get("Location")!);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toContain("boots.jpg");
    expect(Buffer.from(await download.arrayBuffer())).toEqual(file);
  });
});

describe("channel renditions on object storage", () => {
  it("redirect to the CDN when one is configured, else to a presigned URL of the bucket", async () => {
    const { renditionUrl } = await import("~/sync/urls.server");
    const { loader: renditionLoader } =
      await import("~/routes/renditions.$shop.$file");
    const bytes = await photo({ seed: 16 });
    const hash = sha256(bytes);
    const key = `${hash}.google.v1`;
    const storageKey = `renditions/${shop}/${hash.slice(0, 2)}/${hash}/google.v1.jpg`;
    await storage.put(storageKey, bytes);
    const version = await db.assetVersion.findFirstOrThrow({ where: { shop } });
    await db.rendition.create({
      data: {
        shop,
        key,
        versionId: version.id,
        profileId: "google",
        storageKey,
        mime: "image/jpeg",
        width: 640,
        height: 480,
        bytes: bytes.length,
        preflight: { passed: true, failures: [] },
      },
    });
    const url = new URL(renditionUrl(shop, key, "jpg"));
    const fetchRendition = async () =>
      renditionLoader({
        request: new Request(url),
        params: {
          shop,
          file: decodeURIComponent(url.pathname.split("/").pop()!),
        },
        context: {},
      });

    const presigned = await fetchRendition();
    expect(presigned.status).toBe(302);
    const image = await fetch(presigned.headers.get("Location")!);
    expect(image.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await image.arrayBuffer())).toEqual(bytes);

    setStorage(
      testS3Storage({
        prefix: storage.options.prefix,
        cdnUrl: "https://cdn.example.com/vitrine",
      }),
    );
    try {
      const cdn = await fetchRendition();
      expect(cdn.status).toBe(301);
      expect(cdn.headers.get("Location")).toBe(
        `https://cdn.example.com/vitrine/${storageKey}`,
      );
    } finally {
      setStorage(storage);
    }
  });
});

describe("direct uploads with a local storage folder", () => {
  it("are refused: the drop zone posts the file to the app instead", async () => {
    setStorage(new LocalStorage("/nonexistent-vitrine-test"));
    try {
      const answer = await post(planAction, "/app/assets/upload-url", shop, {
        filename: "a.jpg",
        bytes: 10,
      });
      expect(answer.status).toBe(400);
    } finally {
      setStorage(storage);
    }
  });
});
