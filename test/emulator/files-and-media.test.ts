import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import { DEMO_SHOP, seedShop } from "../../emulator/seed/seed";
import { adminApi, stagedUpload, testEmulator } from "../../emulator/testing";

// Processing takes 300 ms (PROCESSING from 150 ms): a window wide enough to be seen on a loaded machine.
const emulator = testEmulator({ mediaProcessingMs: 300 });
const api = () => adminApi(emulator, DEMO_SHOP);
const camel = COLOURS[0]!;
let jpeg: Buffer;
let productId: string;
let variantIds: string[];

const FILE_FIELDS = `id ... on File { fileStatus } ... on MediaImage { status image { url width height } mediaErrors { code } }`;

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

beforeAll(async () => {
  await seedShop(emulator, DEMO_SHOP, { factor: 0.05, images: false });
  jpeg = await studioImage({
    family: "coat",
    colour: camel,
    width: 800,
    height: 1000,
    label: "v1",
  });
  const { data } = await api()(
    `{ products(first: 1, query: "product_type:Coats status:ACTIVE") { nodes { id variants(first: 10) { nodes { id } } } } }`,
  );
  productId = data.products.nodes[0].id;
  variantIds = data.products.nodes[0].variants.nodes.map(
    (v: { id: string }) => v.id,
  );
});

describe("staged uploads and files", () => {
  it("processes an upload UPLOADED → PROCESSING → READY, with the image's real dimensions", async () => {
    const created = await createImage(jpeg);
    expect(created.fileStatus).toBe("UPLOADED");
    let seen = created.fileStatus;
    while (seen === "UPLOADED") {
      await new Promise((resolve) => setTimeout(resolve, 10));
      seen = (await file(created.id)).fileStatus;
    }
    expect(seen).toBe("PROCESSING");
    const done = await ready(created.id);
    expect(done).toMatchObject({
      fileStatus: "READY",
      status: "READY",
      image: { width: 800, height: 1000 },
    });
    const cdn = await emulator.handle(new Request(done.image!.url));
    expect(cdn.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await cdn.arrayBuffer()).equals(jpeg)).toBe(true);
  });

  it("ends a corrupt upload FAILED with a media error", async () => {
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length / 2));
    const failed = await ready((await createImage(truncated, "broken.jpg")).id);
    expect(failed).toMatchObject({
      fileStatus: "FAILED",
      image: null,
      mediaErrors: [{ code: "IMAGE_PROCESSING_FAILURE" }],
    });
  });

  it("refuses an image over 20 megapixels at processing time", async () => {
    const huge = await sharp({
      create: { width: 4000, height: 6000, channels: 3, background: "#c19a6b" },
    })
      .jpeg({ quality: 40 })
      .toBuffer();
    const failed = await ready((await createImage(huge, "huge.jpg")).id);
    expect(failed).toMatchObject({
      fileStatus: "FAILED",
      mediaErrors: [{ code: "INVALID_IMAGE_RESOLUTION" }],
    });
  });

  it("accepts a PUT upload too and refuses an upload without the issued signature", async () => {
    const client = api();
    const source = await stagedUpload(emulator, client, {
      filename: "put.jpg",
      mimeType: "image/jpeg",
      bytes: jpeg,
      httpMethod: "PUT",
    });
    expect(source).toMatch(
      /^https:\/\/shopify-staged-uploads\.storage\.googleapis\.com\/tmp\//,
    );
    const forged = await emulator.handle(
      new Request(`${source}?X-Goog-Signature=forged`, {
        method: "PUT",
        body: new Uint8Array(jpeg),
      }),
    );
    expect(forged.status).toBe(403);
  });

  it("finds files by filename and status with files(query:)", async () => {
    await createImage(jpeg, "searchable-lookbook.jpg");
    await emulator.idle();
    const { data } = await api()(
      `{ files(first: 10, query: "filename:searchable* status:READY") { nodes { id ... on MediaImage { image { url } } } } }`,
    );
    expect(data.files.nodes).toHaveLength(1);
    expect(data.files.nodes[0].image.url).toContain("searchable-lookbook.jpg");
  });
});

describe("replacing a file in place (fileUpdate)", () => {
  const update = (files: unknown[]) =>
    api()(
      `mutation Update($files: [FileUpdateInput!]!) { fileUpdate(files: $files) { files { ${FILE_FIELDS} } userErrors { code message } } }`,
      { files },
    );

  it("keeps the file id and URL path, changes ?v= and serves the new bytes once READY", async () => {
    const original = await ready(
      (await createImage(jpeg, "replace-me.jpg")).id,
    );
    const v2 = await studioImage({
      family: "coat",
      colour: camel,
      width: 800,
      height: 1000,
      label: "v2",
    });
    const source = await stagedUpload(emulator, api(), {
      filename: "replace-me-v2.jpg",
      mimeType: "image/jpeg",
      bytes: v2,
    });

    const { data } = await update([
      { id: original.id, originalSource: source },
    ]);
    expect(data.fileUpdate.userErrors).toEqual([]);
    const replaced = await ready(original.id);

    const before = new URL(original.image!.url);
    const after = new URL(replaced.image!.url);
    expect(replaced.id).toBe(original.id);
    expect(after.pathname).toBe(before.pathname);
    expect(Number(after.searchParams.get("v"))).toBeGreaterThan(
      Number(before.searchParams.get("v")),
    );
    const served = Buffer.from(
      await (await emulator.handle(new Request(after))).arrayBuffer(),
    );
    expect(served.equals(v2)).toBe(true);
  });

  it("is locked while the file is processing (FILE_LOCKED)", async () => {
    const created = await createImage(jpeg, "locked.jpg");
    const source = await stagedUpload(emulator, api(), {
      filename: "locked-2.jpg",
      mimeType: "image/jpeg",
      bytes: jpeg,
    });
    const { data } = await update([{ id: created.id, originalSource: source }]);
    expect(data.fileUpdate.userErrors).toEqual([
      expect.objectContaining({ code: "FILE_LOCKED" }),
    ]);
    await emulator.idle();
  });

  it("requires the same file extension (INVALID_FILENAME_EXTENSION)", async () => {
    const original = await ready((await createImage(jpeg, "ext.jpg")).id);
    const png = await sharp(jpeg).png().toBuffer();
    const source = await stagedUpload(emulator, api(), {
      filename: "ext.png",
      mimeType: "image/png",
      bytes: png,
    });
    const { data } = await update([
      { id: original.id, originalSource: source },
    ]);
    expect(data.fileUpdate.userErrors).toEqual([
      expect.objectContaining({ code: "INVALID_FILENAME_EXTENSION" }),
    ]);
  });
});

describe("product and variant media", () => {
  const appendMedia = (pairs: { variantId: string; mediaIds: string[] }[]) =>
    api()(
      `mutation Append($productId: ID!, $variantMedia: [ProductVariantAppendMediaInput!]!) { productVariantAppendMedia(productId: $productId, variantMedia: $variantMedia) { productVariants { id media(first: 1) { nodes { id } } } userErrors { code field message } } }`,
      { productId, variantMedia: pairs },
    );

  it("attaches media with productUpdate, refuses variant links until it is READY, then links it", async () => {
    const source = await stagedUpload(emulator, api(), {
      filename: "variant.jpg",
      mimeType: "image/jpeg",
      bytes: jpeg,
    });
    const { data } = await api()(
      `mutation Attach($product: ProductUpdateInput!, $media: [CreateMediaInput!]) { productUpdate(product: $product, media: $media) { product { media(first: 10) { nodes { id status } } } userErrors { message } } }`,
      {
        product: { id: productId },
        media: [
          { originalSource: source, mediaContentType: "IMAGE", alt: "front" },
        ],
      },
    );
    const media = data.productUpdate.product.media.nodes.at(-1) as {
      id: string;
      status: string;
    };
    expect(media.status).toBe("UPLOADED");

    const early = await appendMedia([
      { variantId: variantIds[0]!, mediaIds: [media.id] },
    ]);
    expect(early.data.productVariantAppendMedia.userErrors).toEqual([
      expect.objectContaining({ code: "NON_READY_MEDIA" }),
    ]);

    await emulator.idle();
    const linked = await appendMedia([
      { variantId: variantIds[0]!, mediaIds: [media.id] },
    ]);
    expect(linked.data.productVariantAppendMedia.userErrors).toEqual([]);
    expect(
      linked.data.productVariantAppendMedia.productVariants[0].media.nodes,
    ).toEqual([{ id: media.id }]);

    const again = await appendMedia([
      { variantId: variantIds[0]!, mediaIds: [media.id] },
    ]);
    expect(again.data.productVariantAppendMedia.userErrors).toEqual([
      expect.objectContaining({ code: "PRODUCT_VARIANT_ALREADY_HAS_MEDIA" }),
    ]);

    const storefront = (await (
      await emulator.handle(
        new Request(
          `https://${DEMO_SHOP}/products/${await handleOf(productId)}.js`,
        ),
      )
    ).json()) as {
      variants: { id: number; featured_image: { src: string } | null }[];
    };
    expect(storefront.variants[0]!.featured_image?.src).toMatch(
      /variant\.jpg\?v=\d+$/,
    );
  });

  it("refuses more than 100 variant-media pairs in one call", async () => {
    const pairs = Array.from({ length: 101 }, (_, i) => ({
      variantId: `gid://shopify/ProductVariant/${i}`,
      mediaIds: ["gid://shopify/MediaImage/1"],
    }));
    const { data } = await appendMedia(pairs);
    expect(data.productVariantAppendMedia.userErrors).toEqual([
      expect.objectContaining({ code: "MAXIMUM_VARIANT_MEDIA_PAIRS_EXCEEDED" }),
    ]);
  });

  it("clears a file from the variants that showed it when its product reference is removed", async () => {
    const { data } = await api()(
      `query P($id: ID!) { product(id: $id) { variants(first: 1) { nodes { media(first: 1) { nodes { id } } } } } }`,
      { id: productId },
    );
    const mediaId = data.product.variants.nodes[0].media.nodes[0].id as string;
    await api()(
      `mutation U($files: [FileUpdateInput!]!) { fileUpdate(files: $files) { userErrors { code } } }`,
      {
        files: [{ id: mediaId, referencesToRemove: [productId] }],
      },
    );
    const after = await api()(
      `query P($id: ID!) { product(id: $id) { media(first: 20) { nodes { id } } variants(first: 1) { nodes { media(first: 1) { nodes { id } } } } } }`,
      { id: productId },
    );
    expect(after.data.product.variants.nodes[0].media.nodes).toEqual([]);
    expect(
      after.data.product.media.nodes.map((m: { id: string }) => m.id),
    ).not.toContain(mediaId);
  });
});

async function handleOf(id: string): Promise<string> {
  const { data } = await api()(
    `query H($id: ID!) { product(id: $id) { handle status } }`,
    { id },
  );
  return data.product.handle as string;
}
