// glTF JSON uploads (issue #15): a .gltf with embedded buffers and textures is packed into a GLB, checked by the
// glTF validator like any GLB and stored as the GLB Shopify's MODEL_3D takes; one pointing to files beside it is
// refused with a sentence saying what to upload instead.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { ingestUpload } from "~/dam/ingest.server";
import { getStorage } from "~/dam/storage.server";
import { photo, removeDir, useTempStorageDir } from "../support/dam";
import { refusedUpload } from "../support/refused-upload";

const shop = "gltf-shop.myshopify.com";
let dir: string;
let texture: Buffer;

beforeAll(async () => {
  dir = await useTempStorageDir();
  await db.shop.create({ data: { shop } });
  texture = await photo({ width: 64, height: 64, seed: 3 });
});
afterAll(() => removeDir(dir));

const dataUri = (mime: string, bytes: Buffer) =>
  `data:${mime};base64,${bytes.toString("base64")}`;

/** A triangle of the given size; buffer and (optional) texture embedded unless `external` names a file. */
function gltf(
  options: { external?: string; textured?: boolean; count?: number } = {},
) {
  const positions = Buffer.from(
    new Float32Array([0, 0, 0, 0.5, 0, 0, 0, 1.25, 0.25]).buffer,
  );
  const uvs = Buffer.from(new Float32Array([0, 0, 1, 0, 0, 1]).buffer);
  const bin = Buffer.concat([positions, uvs]);
  const json: Record<string, unknown> = {
    asset: { version: "2.0", generator: "vitrine-test" },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0 }],
    meshes: [
      {
        primitives: [
          {
            attributes: options.textured
              ? { POSITION: 0, TEXCOORD_0: 1 }
              : { POSITION: 0 },
            ...(options.textured ? { material: 0 } : {}),
          },
        ],
      },
    ],
    buffers: [
      {
        byteLength: bin.length,
        uri: options.external ?? dataUri("application/octet-stream", bin),
      },
    ],
    bufferViews: [
      { buffer: 0, byteLength: positions.length, target: 34962 },
      {
        buffer: 0,
        byteOffset: positions.length,
        byteLength: uvs.length,
        target: 34962,
      },
    ],
    accessors: [
      {
        bufferView: 0,
        componentType: 5126,
        count: options.count ?? 3,
        type: "VEC3",
        min: [0, 0, 0],
        max: [0.5, 1.25, 0.25],
      },
      { bufferView: 1, componentType: 5126, count: 3, type: "VEC2" },
    ],
  };
  if (options.textured)
    Object.assign(json, {
      materials: [{ pbrMetallicRoughness: { baseColorTexture: { index: 0 } } }],
      textures: [{ source: 0 }],
      images: [{ uri: dataUri("image/jpeg", texture) }],
    });
  return Buffer.from(JSON.stringify(json, null, 2));
}

describe(".gltf uploads", () => {
  it("packs a .gltf with an embedded buffer and texture into a validated GLB model", async () => {
    const result = await ingestUpload({
      shop,
      filename: "chair.gltf",
      data: gltf({ textured: true }),
      actor: "user:1",
    });
    if (!("asset" in result)) throw new Error("expected a new asset");
    expect(result.asset.kind).toBe("MODEL_3D");
    expect(result.version).toMatchObject({
      mime: "model/gltf-binary",
      filename: "chair.glb",
      media: {
        model: expect.objectContaining({
          boundingBox: { x: 0.5, y: 1.25, z: 0.25 },
          triangleCount: 1,
          hasTextures: true,
        }),
      },
    });
    const stored = await getStorage().get(result.version.storageKey);
    expect(stored.subarray(0, 4).toString("latin1")).toBe("glTF");
    expect(stored.readUInt32LE(8)).toBe(stored.length);
    expect(result.version.bytes).toBe(stored.length);
    // The texture's bytes travel inside the GLB, unchanged.
    expect(stored.indexOf(texture)).toBeGreaterThan(0);
  });

  it("refuses a .gltf whose buffer is a file beside it, keeping nothing", async () => {
    expect(
      await refusedUpload(
        shop,
        dir,
        "scene.gltf",
        gltf({ external: "scene.bin" }),
      ),
    ).toMatch(
      /refers to an external file \(scene\.bin\).*upload a GLB, or a \.gltf whose buffers and textures are embedded/,
    );
  });

  it("refuses a .gltf the validator finds broken, naming the error", async () => {
    expect(
      await refusedUpload(shop, dir, "broken.gltf", gltf({ count: 300 })),
    ).toMatch(/^the 3D model is not valid glTF 2\.0: .+ \([A-Z_]+\)$/);
  });

  it("refuses glTF 1.0 and still refuses JSON that is not glTF as an unknown type", async () => {
    const old = Buffer.from(JSON.stringify({ asset: { version: "1.0" } }));
    expect(await refusedUpload(shop, dir, "old.gltf", old)).toMatch(
      /glTF 1\.0 is not accepted/,
    );
    expect(
      await refusedUpload(shop, dir, "data.json", Buffer.from('{"a": 1}')),
    ).toMatch(/not recognised/);
  });
});
