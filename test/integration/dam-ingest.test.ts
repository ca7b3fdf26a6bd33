import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import db from "~/db.server";
import { ingestUpload } from "~/dam/ingest.server";
import {
  renderVersionRenditions,
  libraryRenditionKey,
} from "~/dam/renditions.server";
import { getStorage } from "~/dam/storage.server";
import {
  filesUnder,
  glb,
  hostileSvg,
  pdf,
  photo,
  pixelBombPng,
  removeDir,
  sidewaysJpegWithGps,
  useTempStorageDir,
} from "../support/dam";
import { refusedUpload } from "../support/refused-upload";

const shop = "ingest-shop.myshopify.com";
const actor = "user:1";
let dir: string;

beforeAll(async () => {
  dir = await useTempStorageDir();
  await db.shop.create({ data: { shop } });
});
afterAll(() => removeDir(dir));

async function ingested(filename: string, data: Buffer) {
  const result = await ingestUpload({ shop, filename, data, actor });
  if (!("asset" in result))
    throw new Error(
      `expected a new asset, got a duplicate of ${result.duplicateOf.id}`,
    );
  return result;
}

const refused = (filename: string, data: Buffer) =>
  refusedUpload(shop, dir, filename, data);

describe("ingest", () => {
  it("stores a JPEG as a draft asset, content-addressed, with upright dimensions, a placeholder and a hash", async () => {
    const data = await sidewaysJpegWithGps();
    const { asset, version } = await ingested("coat-front.jpg", data);

    expect(asset).toMatchObject({
      shop,
      kind: "IMAGE",
      status: "DRAFT",
      title: "coat front",
      currentVersionId: null,
    });
    // Stored 600 × 400 with orientation 6: upright it is portrait.
    expect(version).toMatchObject({
      number: 1,
      mime: "image/jpeg",
      width: 400,
      height: 600,
      exifOrientation: 6,
    });
    expect(version.phash).toMatch(/^[0-9a-f]{16}$/);
    expect(version.thumbhash).toBeTruthy();
    expect(asset.orientation).toBe("PORTRAIT");
    expect(await getStorage().get(version.storageKey)).toEqual(data);
    expect(version.storageKey).toContain(version.sha256);
  });

  it("keeps a metadata subset without GPS, and renders upright renditions that carry no EXIF at all", async () => {
    const version = await db.assetVersion.findFirstOrThrow({
      where: { shop, filename: "coat-front.jpg" },
    });
    expect(version.metadata).toMatchObject({
      Make: "Vitrine Test Cam",
      Copyright: "Atelier Test",
    });
    expect(JSON.stringify(version.metadata)).not.toMatch(/GPS/i);

    await renderVersionRenditions(shop, version.assetId, version.id);

    const thumb = await getStorage().get(
      libraryRenditionKey(shop, version.sha256, "thumb"),
    );
    const meta = await sharp(thumb).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 267, height: 400 });
    expect(meta.exif).toBeUndefined();
    expect(
      await db.assetVersion.findUniqueOrThrow({ where: { id: version.id } }),
    ).toMatchObject({
      renditionsReadyAt: expect.any(Date),
      renditionError: null,
    });
  });

  it("reports an exact duplicate as already in the library and stores nothing", async () => {
    const existing = await db.asset.findFirstOrThrow({
      where: { shop, title: "coat front" },
    });
    const files = filesUnder(dir);

    const result = await ingestUpload({
      shop,
      filename: "copy.jpg",
      data: await sidewaysJpegWithGps(),
      actor,
    });

    expect(result).toEqual({
      duplicateOf: expect.objectContaining({ id: existing.id }),
    });
    expect(await db.asset.count({ where: { shop } })).toBe(1);
    expect(filesUnder(dir)).toEqual(files);
  });

  it("flags a re-encoded, resized copy as a near-duplicate but still stores it", async () => {
    const original = await ingested("bag.jpg", await photo({ seed: 3 }));
    const smaller = await sharp(await photo({ seed: 3 }))
      .resize(320)
      .jpeg({ quality: 60 })
      .toBuffer();

    const copy = await ingested("bag-small.jpg", smaller);

    expect(copy.nearDuplicateOf).toBe(original.asset.id);
    expect(copy.asset.nearDuplicateOfId).toBe(original.asset.id);
    const unrelated = await ingested("scarf.jpg", await photo({ seed: 11 }));
    expect(unrelated.nearDuplicateOf).toBeNull();
  });

  it("decides the type by content: a PNG named .jpg is stored as a PNG", async () => {
    const { version } = await ingested(
      "label.jpg",
      await photo({ seed: 21, format: "png" }),
    );
    expect(version).toMatchObject({ mime: "image/png", filename: "label.png" });
  });

  it("strips directories and control characters from file names", async () => {
    const { version } = await ingested(
      "../../etc/\u0000passwd.webp",
      await photo({ seed: 22, format: "webp" }),
    );
    expect(version.filename).toBe("passwd.webp");
  });

  it("sanitises SVG: no scripts, event handlers, foreign objects or external references", async () => {
    const { version } = await ingested("logo.svg", hostileSvg);
    const stored = (await getStorage().get(version.storageKey)).toString(
      "utf8",
    );

    expect(version).toMatchObject({
      mime: "image/svg+xml",
      width: 120,
      height: 80,
    });
    expect(stored).toContain("<rect");
    expect(stored).not.toMatch(
      /script|onload|onclick|evil\.example|javascript:|foreignObject|iframe/i,
    );
  });

  it("accepts PDF (page count), GLB and MP4-less documents by content", async () => {
    const doc = await ingested("lookbook.bin", pdf());
    expect(doc.asset.kind).toBe("DOCUMENT");
    expect(doc.version).toMatchObject({
      mime: "application/pdf",
      pageCount: 2,
      filename: "lookbook.pdf",
    });
    const model = await ingested("chair.glb", glb());
    expect(model.asset.kind).toBe("MODEL_3D");
    expect(model.version.mime).toBe("model/gltf-binary");
  });

  it("refuses a pixel bomb with a message, leaving no row and no blob", async () => {
    expect(await refused("bomb.png", await pixelBombPng())).toMatch(/limit/);
  });

  it("refuses a truncated JPEG", async () => {
    const whole = await photo({ seed: 5, width: 1200, height: 900 });
    expect(
      await refused("cut.jpg", whole.subarray(0, Math.floor(whole.length / 2))),
    ).toMatch(/damaged|incomplete/);
  });

  it("refuses files of unknown or unaccepted types, whatever their extension", async () => {
    expect(
      await refused("notes.jpg", Buffer.from("just some text, not an image\n")),
    ).toMatch(/not recognised/);
    expect(
      await refused(
        "archive.png",
        Buffer.from("PK\u0003\u0004" + "\u0000".repeat(100)),
      ),
    ).toMatch(/not (accepted|recognised)|ZIP is damaged/);
    expect(await refused("empty.jpg", Buffer.alloc(0))).toMatch(/empty/);
  });

  it("refuses a file over the size limit while streaming it", async () => {
    process.env.DAM_MAX_UPLOAD_BYTES = "1000";
    try {
      expect(await refused("big.jpg", await photo({ seed: 30 }))).toMatch(
        /larger than/,
      );
    } finally {
      delete process.env.DAM_MAX_UPLOAD_BYTES;
    }
  });
});
