import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP } from "../../emulator/seed/seed";
import { stagedUpload } from "../../emulator/testing";
import { fileShop } from "./files-fixtures";

const { emulator, api, seed } = fileShop();
let jpeg: Buffer;
let productId: string;
let variantIds: string[];

beforeAll(async () => {
  ({ jpeg, productId, variantIds } = await seed());
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
