// 3D models (issue #15): validated by the glTF validator at upload, facts recorded, a generated still for the
// library and image-only channels; a corrupt model is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import db from "~/db.server";
import { ingestUpload } from "~/dam/ingest.server";
import {
  libraryRenditionKey,
  renderVersionRenditions,
} from "~/dam/renditions.server";
import { getStorage } from "~/dam/storage.server";
import { channelRendition } from "~/sync/renditions.server";
import { removeDir, useTempStorageDir } from "../support/dam";
import { refusedUpload } from "../support/refused-upload";
import { glbModel } from "../support/media";

const shop = "model-shop.myshopify.com";
const actor = "user:1";
let dir: string;

beforeAll(async () => {
  dir = await useTempStorageDir();
  await db.shop.create({ data: { shop } });
});
afterAll(() => removeDir(dir));

const refusal = (data: Buffer) => refusedUpload(shop, dir, "broken.glb", data);

describe("3D models", () => {
  it("validates a generated GLB, records its size and counts, and renders a still for the library and channels", async () => {
    const result = await ingestUpload({
      shop,
      filename: "coat.glb",
      data: glbModel({ x: 0.6, y: 1.1, z: 0.35 }),
      actor,
    });
    if (!("asset" in result)) throw new Error("expected a new asset");
    const { asset, version } = result;
    expect(asset.kind).toBe("MODEL_3D");
    expect(version.media).toEqual({
      model: {
        boundingBox: { x: 0.6, y: 1.1, z: 0.35 },
        vertexCount: 3,
        triangleCount: 1,
        materialCount: 0,
        animationCount: 0,
        hasTextures: false,
        generator: "vitrine-test",
      },
    });
    await renderVersionRenditions(shop, asset.id, version.id);
    const thumb = await sharp(
      await getStorage().get(
        libraryRenditionKey(shop, version.sha256, "thumb"),
      ),
    ).metadata();
    expect(thumb).toMatchObject({ format: "webp", width: 400, height: 400 });
    const google = await channelRendition(shop, version.id, "GOOGLE_MERCHANT");
    expect(google.mime).toBe("image/jpeg");
  });

  it("refuses a truncated GLB and one whose JSON is corrupt, naming the problem", async () => {
    const whole = glbModel();
    expect(await refusal(whole.subarray(0, 30))).toMatch(
      /not valid glTF 2\.0: .*\(GLB_/,
    );
    const corrupt = Buffer.from(whole);
    corrupt.fill(0x7b, 20, 60);
    expect(await refusal(corrupt)).toMatch(/not valid glTF 2\.0/);
  });
});
