// The files and product-media tests' shop: the demo catalogue (5 %), media processing in 300 ms (PROCESSING
// from 150 ms: a window wide enough to be seen on a loaded machine), a studio JPEG, and helpers to create an
// image file and read it back.
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import { DEMO_SHOP, seedShop } from "../../emulator/seed/seed";
import { adminApi, stagedUpload, testEmulator } from "../../emulator/testing";

export const FILE_FIELDS = `id ... on File { fileStatus } ... on MediaImage { status image { url width height } mediaErrors { code } }`;

export function fileShop() {
  const emulator = testEmulator({ mediaProcessingMs: 300 });
  const api = () => adminApi(emulator, DEMO_SHOP);

  async function createImage(bytes: Buffer, filename = "coat-front.jpg") {
    const client = api();
    const source = await stagedUpload(emulator, client, {
      filename,
      mimeType: "image/jpeg",
      bytes,
    });
    const { data } = await client(
      `mutation Create($files: [FileCreateInput!]!) { fileCreate(files: $files) { files { ${FILE_FIELDS} } userErrors { code message } } }`,
      {
        files: [
          {
            originalSource: source,
            contentType: "IMAGE",
            alt: "Camel coat, front",
          },
        ],
      },
    );
    return data.fileCreate.files[0] as { id: string; fileStatus: string };
  }

  async function file(id: string) {
    const { data } = await api()(
      `query File($id: ID!) { node(id: $id) { ${FILE_FIELDS} } }`,
      { id },
    );
    return data.node as {
      id: string;
      fileStatus: string;
      status: string;
      image: { url: string; width: number } | null;
      mediaErrors: { code: string }[];
    };
  }

  async function ready(id: string) {
    await emulator.idle();
    return file(id);
  }

  /** Seeds the shop; returns a studio JPEG and the first active coat with its variants. */
  async function seed() {
    await seedShop(emulator, DEMO_SHOP, { factor: 0.05, images: false });
    const jpeg = await studioImage({
      family: "coat",
      colour: COLOURS[0]!,
      width: 800,
      height: 1000,
      label: "v1",
    });
    const { data } = await api()(
      `{ products(first: 1, query: "product_type:Coats status:ACTIVE") { nodes { id variants(first: 10) { nodes { id } } } } }`,
    );
    return {
      jpeg,
      productId: data.products.nodes[0].id as string,
      variantIds: data.products.nodes[0].variants.nodes.map(
        (v: { id: string }) => v.id,
      ) as string[],
    };
  }

  return { emulator, api, createImage, file, ready, seed };
}
