import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP } from "../../emulator/seed/seed";
import { glbModel } from "../support/media";
import { mediaShop } from "./video-and-3d-fixtures";

const { emulator, api, upload, createFile, node, seed } = mediaShop();
let productId: string;
let handle: string;

beforeAll(async () => {
  ({ id: productId, handle } = await seed());
});

describe("3D models", () => {
  it("validates a GLB, reports its bounding box and GLB source, and attaches it as MODEL_3D media", async () => {
    const bytes = glbModel({ x: 0.6, y: 1.1, z: 0.35 });
    const created = await createFile(
      await upload(bytes, "coat.glb", "model/gltf-binary", "MODEL_3D"),
      "MODEL_3D",
      "Coat in 3D",
    );
    const ready = await node(created.id);
    expect(ready).toMatchObject({
      status: "READY",
      filename: "coat.glb",
      boundingBox: { size: { x: 0.6, y: 1.1, z: 0.35 } },
      sources: [
        {
          format: "glb",
          mimeType: "model/gltf-binary",
          filesize: bytes.length,
        },
      ],
      preview: { image: { url: expect.stringContaining("/preview_images/") } },
    });
    const { data } = await api()(
      `mutation U($files: [FileUpdateInput!]!) { fileUpdate(files: $files) { files { ... on Model3d { mediaContentType } } userErrors { code } } }`,
      { files: [{ id: created.id, referencesToAdd: [productId] }] },
    );
    expect(data.fileUpdate).toEqual({
      files: [{ mediaContentType: "MODEL_3D" }],
      userErrors: [],
    });
    const page = (await (
      await emulator.handle(
        new Request(`https://${DEMO_SHOP}/products/${handle}.js`),
      )
    ).json()) as {
      media: { media_type: string; sources: { format: string }[] }[];
    };
    expect(page.media.find((m) => m.media_type === "model")?.sources).toEqual([
      expect.objectContaining({ format: "glb" }),
    ]);
  });

  it.each([
    ["a truncated GLB", glbModel().subarray(0, 30)],
    [
      "a GLB whose JSON is corrupt",
      Buffer.concat([
        glbModel().subarray(0, 20),
        Buffer.alloc(glbModel().length - 20, 0x7b),
      ]),
    ],
    [
      "a glTF 1.0 file",
      (() => {
        const b = glbModel();
        b.writeUInt32LE(1, 4);
        return b;
      })(),
    ],
  ])("refuses %s with MODEL3D_VALIDATION_ERROR", async (_name, bytes) => {
    const failed = await node(
      (
        await createFile(
          await upload(bytes, "broken.glb", "model/gltf-binary", "MODEL_3D"),
          "MODEL_3D",
          "",
        )
      ).id,
    );
    expect(failed).toMatchObject({
      status: "FAILED",
      mediaErrors: [{ code: "MODEL3D_VALIDATION_ERROR" }],
      sources: [],
    });
  });
});
