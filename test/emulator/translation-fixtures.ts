// The translations tests' shop: the demo catalogue (5 %) with one product given an image with alt text and a
// storefront-visible metafield, and helpers to read its translatable content and its French storefront page.
import { createHash } from "node:crypto";
import type { ShopifyEmulator } from "../../emulator/emulator";
import { studioImage } from "../../emulator/seed/images";
import { COLOURS } from "../../emulator/seed/catalogue";
import { DEMO_SHOP, seedShop } from "../../emulator/seed/seed";
import { adminApi, stagedUpload } from "../../emulator/testing";

export const sha256 = (text: string) =>
  createHash("sha256").update(text).digest("hex");

export const RESOURCE = `query R($id: ID!) { translatableResource(resourceId: $id) { resourceId translatableContent { key value digest locale type } translations(locale: "fr") { key value outdated locale market { id } } } }`;
export const REGISTER = `mutation R($id: ID!, $translations: [TranslationInput!]!) { translationsRegister(resourceId: $id, translations: $translations) { translations { key value outdated } userErrors { field message code } } }`;

export interface TranslatableProduct {
  id: string;
  handle: string;
  title: string;
  options: {
    id: string;
    name: string;
    optionValues: { id: string; name: string }[];
  }[];
}

/** Seeds the demo shop and gives its first active product an image and a `$app:pim.care` metafield. */
export async function seedTranslatableProduct(emulator: ShopifyEmulator) {
  const api = () => adminApi(emulator, DEMO_SHOP);
  await seedShop(emulator, DEMO_SHOP, { factor: 0.05, images: false });
  const { data } = await api()(
    `{ products(first: 1, query: "status:ACTIVE") { nodes { id handle title options { id name optionValues { id name } } } } }`,
  );
  const product = data.products.nodes[0] as TranslatableProduct;
  const source = await stagedUpload(emulator, api(), {
    filename: "front.jpg",
    mimeType: "image/jpeg",
    bytes: await studioImage({
      family: "coat",
      colour: COLOURS[0]!,
      width: 400,
      height: 500,
    }),
  });
  const media = await api()(
    `mutation A($product: ProductUpdateInput!, $media: [CreateMediaInput!]) { productUpdate(product: $product, media: $media) { product { media(first: 5) { nodes { id } } } } }`,
    {
      product: { id: product.id },
      media: [
        {
          originalSource: source,
          mediaContentType: "IMAGE",
          alt: "Camel coat, front",
        },
      ],
    },
  );
  const imageId: string = media.data.productUpdate.product.media.nodes[0].id;
  await api()(
    `mutation D($d: MetafieldDefinitionInput!) { metafieldDefinitionCreate(definition: $d) { userErrors { message } } }`,
    {
      d: {
        name: "Care",
        namespace: "$app:pim",
        key: "care",
        type: "single_line_text_field",
        ownerType: "PRODUCT",
        access: { storefront: "PUBLIC_READ" },
      },
    },
  );
  const set = await api()(
    `mutation S($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) { metafields { id } userErrors { message } } }`,
    {
      m: [
        {
          ownerId: product.id,
          namespace: "$app:pim",
          key: "care",
          value: "Dry clean only",
        },
      ],
    },
  );
  const metafieldId: string = set.data.metafieldsSet.metafields[0].id;
  await emulator.idle();
  return { product, imageId, metafieldId };
}

/** Reads translatable content and French storefront pages of the demo shop. */
export function translationReaders(emulator: ShopifyEmulator) {
  const api = () => adminApi(emulator, DEMO_SHOP);

  async function content(id: string) {
    const { data } = await api()(RESOURCE, { id });
    return data.translatableResource as {
      translatableContent: {
        key: string;
        value: string | null;
        digest: string | null;
        locale: string;
        type: string;
      }[];
      translations: {
        key: string;
        value: string;
        outdated: boolean;
        market: null | { id: string };
      }[];
    };
  }

  async function digestOf(id: string, key: string) {
    return (await content(id)).translatableContent.find((c) => c.key === key)!
      .digest!;
  }

  async function frenchPage(handle: string) {
    const response = await emulator.handle(
      new Request(`https://${DEMO_SHOP}/fr/products/${handle}.js`),
    );
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown>,
    };
  }

  return { content, digestOf, frenchPage };
}
