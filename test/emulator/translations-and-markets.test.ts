import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { studioImage } from "../../emulator/seed/images";
import { COLOURS } from "../../emulator/seed/catalogue";
import { DEMO_SHOP, seedShop } from "../../emulator/seed/seed";
import { adminApi, stagedUpload, testEmulator } from "../../emulator/testing";

const emulator = testEmulator({ mediaProcessingMs: 20 });
const api = () => adminApi(emulator, DEMO_SHOP);
const sha256 = (text: string) =>
  createHash("sha256").update(text).digest("hex");

const RESOURCE = `query R($id: ID!) { translatableResource(resourceId: $id) { resourceId translatableContent { key value digest locale type } translations(locale: "fr") { key value outdated locale market { id } } } }`;
const REGISTER = `mutation R($id: ID!, $translations: [TranslationInput!]!) { translationsRegister(resourceId: $id, translations: $translations) { translations { key value outdated } userErrors { field message code } } }`;

let product: {
  id: string;
  handle: string;
  title: string;
  options: {
    id: string;
    name: string;
    optionValues: { id: string; name: string }[];
  }[];
};
let imageId: string;
let metafieldId: string;

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

async function frenchPage(handle = product.handle) {
  const response = await emulator.handle(
    new Request(`https://${DEMO_SHOP}/fr/products/${handle}.js`),
  );
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
  };
}

beforeAll(async () => {
  await seedShop(emulator, DEMO_SHOP, { factor: 0.05, images: false });
  const { data } = await api()(
    `{ products(first: 1, query: "status:ACTIVE") { nodes { id handle title options { id name optionValues { id name } } } } }`,
  );
  product = data.products.nodes[0];
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
  imageId = media.data.productUpdate.product.media.nodes[0].id;
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
  metafieldId = set.data.metafieldsSet.metafields[0].id;
  await emulator.idle();
});

describe("markets, web presences and locales", () => {
  it("has markets on one web presence serving the primary locale and the published French one", async () => {
    const { data } = await api()(`{
      markets(first: 10) { nodes { name handle status type currencySettings { baseCurrency { currencyCode } }
        conditions { regionsCondition { regions(first: 10) { nodes { ... on MarketRegionCountry { code } } } } }
        webPresences(first: 2) { nodes { id } } } }
      webPresences(first: 5) { nodes { id defaultLocale { locale primary } alternateLocales { locale published } rootUrls { locale url } markets(first: 5) { nodes { name } } } }
      shopLocales { locale marketWebPresences { id } }
    }`);
    expect(data.markets.nodes.map((m: { name: string }) => m.name)).toEqual([
      "Europe",
      "France",
      "United Kingdom",
    ]);
    expect(data.markets.nodes[1]).toMatchObject({
      status: "ACTIVE",
      type: "REGION",
      currencySettings: { baseCurrency: { currencyCode: "EUR" } },
      conditions: {
        regionsCondition: { regions: { nodes: [{ code: "FR" }] } },
      },
    });
    const presence = data.webPresences.nodes[0];
    expect(presence).toMatchObject({
      defaultLocale: { locale: "en", primary: true },
      alternateLocales: [{ locale: "fr", published: true }],
      rootUrls: [
        { locale: "en", url: `https://${DEMO_SHOP}/` },
        { locale: "fr", url: `https://${DEMO_SHOP}/fr/` },
      ],
    });
    expect(presence.markets.nodes).toHaveLength(3);
    expect(
      data.shopLocales.every(
        (l: { marketWebPresences: { id: string }[] }) =>
          l.marketWebPresences[0]?.id === presence.id,
      ),
    ).toBe(true);
  });

  it("enables a locale unpublished, publishes it, and refuses to unpublish or disable the primary one", async () => {
    const { data: presences } = await api()(
      `{ webPresences(first: 1) { nodes { id } } }`,
    );
    const enable = await api()(
      `mutation E($ids: [ID!]) { shopLocaleEnable(locale: "de", marketWebPresenceIds: $ids) { shopLocale { locale published } userErrors { message } } }`,
      { ids: [presences.webPresences.nodes[0].id] },
    );
    expect(enable.data.shopLocaleEnable.shopLocale).toEqual({
      locale: "de",
      published: false,
    });
    expect(
      (
        await emulator.handle(
          new Request(`https://${DEMO_SHOP}/de/products/${product.handle}.js`),
        )
      ).status,
    ).toBe(404);
    const publish = await api()(
      `mutation { shopLocaleUpdate(locale: "de", shopLocale: { published: true }) { shopLocale { published } } }`,
    );
    expect(publish.data.shopLocaleUpdate.shopLocale.published).toBe(true);
    expect(
      (
        await emulator.handle(
          new Request(`https://${DEMO_SHOP}/de/products/${product.handle}.js`),
        )
      ).status,
    ).toBe(200);
    const primary = await api()(
      `mutation { shopLocaleDisable(locale: "en") { locale userErrors { message } } }`,
    );
    expect(primary.data.shopLocaleDisable.userErrors).toHaveLength(1);
    const disable = await api()(
      `mutation { shopLocaleDisable(locale: "de") { locale userErrors { message } } }`,
    );
    expect(disable.data.shopLocaleDisable).toEqual({
      locale: "de",
      userErrors: [],
    });
  });
});

describe("translations", () => {
  it("lists a product's translatable content with SHA-256 digests of the source values", async () => {
    const resource = await content(product.id);
    const title = resource.translatableContent.find((c) => c.key === "title")!;
    expect(title).toEqual({
      key: "title",
      value: product.title,
      digest: sha256(product.title),
      locale: "en",
      type: "SINGLE_LINE_TEXT_FIELD",
    });
    expect(resource.translatableContent.map((c) => c.key)).toEqual([
      "title",
      "body_html",
      "handle",
      "product_type",
      "meta_title",
      "meta_description",
    ]);
    expect(
      resource.translatableContent.find((c) => c.key === "meta_title"),
    ).toMatchObject({ value: null, digest: null });
    const { data } = await api()(
      `query N($id: ID!) { translatableResource(resourceId: $id) { nestedTranslatableResources(first: 50) { nodes { resourceId } } } }`,
      { id: product.id },
    );
    const nested =
      data.translatableResource.nestedTranslatableResources.nodes.map(
        (n: { resourceId: string }) => n.resourceId,
      );
    expect(nested).toEqual(
      expect.arrayContaining([
        imageId,
        metafieldId,
        product.options[0]!.id,
        product.options[0]!.optionValues[0]!.id,
      ]),
    );
  });

  it("registers French title, description, alt text, metafield and option value, and serves them at /fr/products/{handle}.js", async () => {
    const optionValue = product.options[0]!.optionValues[0]!;
    const register = async (id: string, key: string, value: string) =>
      (
        await api()(REGISTER, {
          id,
          translations: [
            {
              key,
              value,
              locale: "fr",
              translatableContentDigest: await digestOf(id, key),
            },
          ],
        })
      ).data.translationsRegister;
    expect(
      (await register(product.id, "title", "Manteau camel")).userErrors,
    ).toEqual([]);
    await register(product.id, "body_html", "<p>Laine et alpaga.</p>");
    await register(imageId, "alt", "Manteau camel, de face");
    await register(metafieldId, "value", "Nettoyage à sec uniquement");
    await register(optionValue.id, "name", "Chameau");

    const { status, body } = await frenchPage();
    expect(status).toBe(200);
    expect(body).toMatchObject({
      title: "Manteau camel",
      description: "<p>Laine et alpaga.</p>",
    });
    expect((body.media as { alt: string }[])[0]!.alt).toBe(
      "Manteau camel, de face",
    );
    expect(
      (body.metafields as Record<string, Record<string, string>>)[
        `app--${emulator.appId}--pim`
      ]!.care,
    ).toBe("Nettoyage à sec uniquement");
    expect((body.options as { values: string[] }[])[0]!.values[0]).toBe(
      "Chameau",
    );
    expect(
      (body.variants as { title: string }[]).some((v) =>
        v.title.startsWith("Chameau /"),
      ),
    ).toBe(true);
    const english = (await (
      await emulator.handle(
        new Request(`https://${DEMO_SHOP}/products/${product.handle}.js`),
      )
    ).json()) as { title: string };
    expect(english.title).toBe(product.title);
    const { data } = await api()(
      `query P($id: ID!) { product(id: $id) { translations(locale: "fr") { key value } } }`,
      { id: product.id },
    );
    expect(data.product.translations).toEqual(
      expect.arrayContaining([{ key: "title", value: "Manteau camel" }]),
    );
  });

  it("refuses a stale digest, an unknown key, the primary locale and a locale the shop lacks", async () => {
    const { data } = await api()(REGISTER, {
      id: product.id,
      translations: [
        {
          key: "title",
          value: "x",
          locale: "fr",
          translatableContentDigest: sha256("an old title"),
        },
        {
          key: "colour",
          value: "x",
          locale: "fr",
          translatableContentDigest: "0",
        },
        {
          key: "title",
          value: "x",
          locale: "en",
          translatableContentDigest: sha256(product.title),
        },
        {
          key: "title",
          value: "x",
          locale: "ja",
          translatableContentDigest: sha256(product.title),
        },
      ],
    });
    expect(data.translationsRegister.translations).toBeNull();
    expect(
      data.translationsRegister.userErrors.map((e: { code: string }) => e.code),
    ).toEqual([
      "INVALID_TRANSLATABLE_CONTENT",
      "INVALID_KEY_FOR_MODEL",
      "INVALID_LOCALE_FOR_SHOP",
      "INVALID_LOCALE_FOR_SHOP",
    ]);
  });

  it("marks translations outdated when the source changes — title, alt text (fileUpdate), metafield value — until re-registered", async () => {
    await api()(
      `mutation U($p: ProductUpdateInput!) { productUpdate(product: $p) { userErrors { message } } }`,
      {
        p: { id: product.id, title: "Camel wrap coat" },
      },
    );
    await api()(
      `mutation F($f: [FileUpdateInput!]!) { fileUpdate(files: $f) { userErrors { message } } }`,
      {
        f: [{ id: imageId, alt: "Camel wrap coat, front view" }],
      },
    );
    await api()(
      `mutation S($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) { userErrors { message } } }`,
      {
        m: [
          {
            ownerId: product.id,
            namespace: "$app:pim",
            key: "care",
            value: "Dry clean, cool iron",
          },
        ],
      },
    );
    const outdated = async (id: string) =>
      (
        await api()(
          `query O($id: ID!) { translatableResource(resourceId: $id) { translations(locale: "fr", outdated: true) { key } } }`,
          { id },
        )
      ).data.translatableResource.translations.map(
        (t: { key: string }) => t.key,
      );
    expect(await outdated(product.id)).toEqual(["title"]);
    expect(await outdated(imageId)).toEqual(["alt"]);
    expect(await outdated(metafieldId)).toEqual(["value"]);
    // Until re-registered, shoppers keep the outdated French text.
    expect((await frenchPage()).body.title).toBe("Manteau camel");

    const again = await api()(REGISTER, {
      id: imageId,
      translations: [
        {
          key: "alt",
          value: "Manteau portefeuille camel, de face",
          locale: "fr",
          translatableContentDigest: sha256("Camel wrap coat, front view"),
        },
      ],
    });
    expect(again.data.translationsRegister.translations).toEqual([
      {
        key: "alt",
        value: "Manteau portefeuille camel, de face",
        outdated: false,
      },
    ]);
    expect(await outdated(imageId)).toEqual([]);
  });

  it("keeps market-specific translations apart and removes translations", async () => {
    const { data: markets } = await api()(
      `{ markets(first: 5, query: "name:France") { nodes { id } } }`,
    );
    const france = markets.markets.nodes[0].id;
    const digest = await digestOf(product.id, "product_type");
    await api()(REGISTER, {
      id: product.id,
      translations: [
        {
          key: "product_type",
          value: "Manteaux (FR)",
          locale: "fr",
          marketId: france,
          translatableContentDigest: digest,
        },
      ],
    });
    const { data } = await api()(
      `query M($id: ID!, $m: ID!) { translatableResource(resourceId: $id) { all: translations(locale: "fr") { key } france: translations(locale: "fr", marketId: $m) { key value market { id } } } }`,
      { id: product.id, m: france },
    );
    expect(
      data.translatableResource.all.map((t: { key: string }) => t.key),
    ).not.toContain("product_type");
    expect(data.translatableResource.france).toEqual([
      { key: "product_type", value: "Manteaux (FR)", market: { id: france } },
    ]);

    const removed = await api()(
      `mutation R($id: ID!) { translationsRemove(resourceId: $id, locales: ["fr"], translationKeys: ["body_html"]) { translations { key } userErrors { message } } }`,
      { id: product.id },
    );
    expect(removed.data.translationsRemove).toEqual({
      translations: [{ key: "body_html" }],
      userErrors: [],
    });
    expect((await frenchPage()).body.description).not.toBe(
      "<p>Laine et alpaga.</p>",
    );
  });

  it("lists translatable resources by type and fails loudly for types it does not model", async () => {
    const { data } = await api()(
      `{ translatableResources(first: 250, resourceType: MEDIA_IMAGE) { nodes { resourceId } } }`,
    );
    expect(data.translatableResources.nodes).toContainEqual({
      resourceId: imageId,
    });
    const collections = await api()(
      `{ translatableResources(first: 5, resourceType: COLLECTION) { nodes { resourceId } } }`,
    );
    expect(collections.errors?.[0]?.extensions?.code).toBe(
      "EMULATOR_NOT_IMPLEMENTED",
    );
  });
});
