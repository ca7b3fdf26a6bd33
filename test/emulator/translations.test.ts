import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP } from "../../emulator/seed/seed";
import { adminApi, testEmulator } from "../../emulator/testing";
import {
  REGISTER,
  seedTranslatableProduct,
  sha256,
  translationReaders,
  type TranslatableProduct,
} from "./translation-fixtures";

const emulator = testEmulator({ mediaProcessingMs: 20 });
const api = () => adminApi(emulator, DEMO_SHOP);
const readers = translationReaders(emulator);
const { content, digestOf } = readers;
const frenchPage = () => readers.frenchPage(product.handle);

let product: TranslatableProduct;
let imageId: string;
let metafieldId: string;

beforeAll(async () => {
  ({ product, imageId, metafieldId } = await seedTranslatableProduct(emulator));
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
