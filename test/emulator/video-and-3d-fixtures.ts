// The video and 3D model tests' shop: the demo catalogue (5 %), media processing in 40 ms, and helpers to
// stage an upload (checking that its size is required), create a file from it and read it back once processed.
import { expect } from "vitest";
import { DEMO_SHOP, seedShop } from "../../emulator/seed/seed";
import { adminApi, stagedUpload, testEmulator } from "../../emulator/testing";

const MEDIA = `id ... on File { fileStatus alt } ... on Video { status duration filename originalSource { url format mimeType width height fileSize } sources { url } preview { status image { url width height } } mediaErrors { code message } }
  ... on Model3d { status filename boundingBox { size { x y z } } sources { url format mimeType filesize } preview { image { url } } mediaErrors { code message } }`;

export function mediaShop() {
  const emulator = testEmulator({ mediaProcessingMs: 40 });
  const api = () => adminApi(emulator, DEMO_SHOP);

  async function upload(
    bytes: Buffer,
    filename: string,
    mimeType: string,
    resource: "VIDEO" | "MODEL_3D",
  ) {
    const client = api();
    const { data } = await client(
      `mutation S($input: [StagedUploadInput!]!) { stagedUploadsCreate(input: $input) { stagedTargets { url } userErrors { field message } } }`,
      { input: [{ filename, mimeType, resource }] },
    );
    expect(data.stagedUploadsCreate.userErrors[0].field).toEqual([
      "input",
      "0",
      "fileSize",
    ]);
    return stagedUpload(emulator, client, {
      filename,
      mimeType,
      bytes,
      resource,
      fileSize: bytes.length,
    });
  }

  async function createFile(
    source: string,
    contentType: "VIDEO" | "MODEL_3D",
    alt: string,
  ) {
    const { data } = await api()(
      `mutation C($files: [FileCreateInput!]!) { fileCreate(files: $files) { files { ${MEDIA} } userErrors { code message } } }`,
      { files: [{ originalSource: source, contentType, alt }] },
    );
    expect(data.fileCreate.userErrors).toEqual([]);
    return data.fileCreate.files[0] as Record<string, unknown> & { id: string };
  }

  async function node(id: string) {
    await emulator.idle();
    return (
      await api()(`query N($id: ID!) { node(id: $id) { ${MEDIA} } }`, { id })
    ).data.node;
  }

  /** Seeds the shop; returns its first active product. */
  async function seed() {
    await seedShop(emulator, DEMO_SHOP, { factor: 0.05, images: false });
    const { data } = await api()(
      `{ products(first: 1, query: "status:ACTIVE") { nodes { id handle } } }`,
    );
    return data.products.nodes[0] as { id: string; handle: string };
  }

  return { emulator, api, upload, createFile, node, seed };
}
