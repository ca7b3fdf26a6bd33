import { beforeAll, describe, expect, it } from "vitest";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import { DEMO_SHOP, seedShop } from "../../emulator/seed/seed";
import { adminApi, stagedUpload, testEmulator } from "../../emulator/testing";

const emulator = testEmulator({ mediaProcessingMs: 20 });
const api = () => adminApi(emulator, DEMO_SHOP);

const CREATE_ENTRY = `mutation C($m: MetaobjectCreateInput!) { metaobjectCreate(metaobject: $m) { metaobject { id handle displayName } userErrors { field message code } } }`;
const OPTIONS = `options { id name linkedMetafield { namespace key } optionValues { id name hasVariants linkedMetafieldValue swatch { color image { id image { url } } } } }`;
const OPTION_UPDATE = `mutation U($productId: ID!, $option: OptionUpdateInput!, $update: [OptionValueUpdateInput!], $add: [OptionValueCreateInput!]) {
  productOptionUpdate(productId: $productId, option: $option, optionValuesToUpdate: $update, optionValuesToAdd: $add) {
    product { ${OPTIONS} variants(first: 50) { nodes { title selectedOptions { name value optionValue { swatch { color } } } } } metafield(namespace: "shopify", key: "color-pattern") { value } }
    userErrors { field message code } } }`;

let product: {
  id: string;
  options: {
    id: string;
    name: string;
    optionValues: { id: string; name: string }[];
  }[];
};
let swatchImage: string;

async function colourEntry(label: string, hex: string, image?: string) {
  const fields = [
    { key: "label", value: label },
    { key: "color", value: JSON.stringify([hex]) },
    ...(image ? [{ key: "image", value: image }] : []),
  ];
  const { data } = await api()(CREATE_ENTRY, {
    m: { type: "shopify--color-pattern", fields },
  });
  expect(data.metaobjectCreate.userErrors).toEqual([]);
  return data.metaobjectCreate.metaobject as {
    id: string;
    handle: string;
    displayName: string;
  };
}

beforeAll(async () => {
  await seedShop(emulator, DEMO_SHOP, { factor: 0.05, images: false });
  const { data } = await api()(
    `{ products(first: 1, query: "status:ACTIVE") { nodes { id options { id name optionValues { id name } } } } }`,
  );
  product = data.products.nodes[0];
  const source = await stagedUpload(emulator, api(), {
    filename: "camel-swatch.jpg",
    mimeType: "image/jpeg",
    bytes: await studioImage({
      family: "coat",
      colour: COLOURS[0]!,
      width: 200,
      height: 200,
    }),
  });
  const file = await api()(
    `mutation F($f: [FileCreateInput!]!) { fileCreate(files: $f) { files { id } } }`,
    {
      f: [{ originalSource: source, contentType: "IMAGE" }],
    },
  );
  swatchImage = file.data.fileCreate.files[0].id;
  await emulator.idle();
});

describe("option value swatches through metafield-linked options", () => {
  it("has the colour category metafield and the standard color-pattern definition in the demo shop", async () => {
    const { data } = await api()(`{
      metaobjectDefinitionByType(type: "shopify--color-pattern") { type displayNameKey fieldDefinitions { key type { name } } }
      metafieldDefinitions(first: 5, ownerType: PRODUCT, namespace: "shopify") { nodes { key type { name } } }
    }`);
    expect(data.metaobjectDefinitionByType).toMatchObject({
      displayNameKey: "label",
    });
    expect(
      data.metaobjectDefinitionByType.fieldDefinitions.map(
        (f: { key: string }) => f.key,
      ),
    ).toEqual(expect.arrayContaining(["label", "color", "image"]));
    expect(data.metafieldDefinitions.nodes).toEqual([
      { key: "color-pattern", type: { name: "list.metaobject_reference" } },
    ]);
  });

  it("links the Colour option to shopify.color-pattern: each value takes its entry's name, colour and image as swatch", async () => {
    const colour = product.options.find((o) => o.name === "Colour")!;
    const entries = await Promise.all(
      colour.optionValues.map((v, i) =>
        colourEntry(
          v.name,
          COLOURS.find((c) => c.name === v.name)!.hex,
          i === 0 ? swatchImage : undefined,
        ),
      ),
    );
    const { data } = await api()(OPTION_UPDATE, {
      productId: product.id,
      option: {
        id: colour.id,
        linkedMetafield: { namespace: "shopify", key: "color-pattern" },
      },
      update: colour.optionValues.map((v, i) => ({
        id: v.id,
        linkedMetafieldValue: entries[i]!.id,
      })),
    });
    expect(data.productOptionUpdate.userErrors).toEqual([]);
    const linked = data.productOptionUpdate.product.options.find(
      (o: { id: string }) => o.id === colour.id,
    );
    expect(linked.linkedMetafield).toEqual({
      namespace: "shopify",
      key: "color-pattern",
    });
    expect(linked.optionValues[0]).toMatchObject({
      id: colour.optionValues[0]!.id,
      name: colour.optionValues[0]!.name,
      hasVariants: true,
      linkedMetafieldValue: entries[0]!.id,
      swatch: {
        color: COLOURS.find((c) => c.name === colour.optionValues[0]!.name)!
          .hex,
        image: { id: swatchImage, image: { url: expect.any(String) } },
      },
    });
    expect(
      JSON.parse(data.productOptionUpdate.product.metafield.value),
    ).toEqual(entries.map((e) => e.id));
    expect(
      data.productOptionUpdate.product.variants.nodes[0].selectedOptions[0]
        .optionValue.swatch.color,
    ).toMatch(/^#/);

    // Renaming the entry renames the value (its display name is what shoppers see) and the variants' titles.
    await api()(
      `mutation U($id: ID!, $m: MetaobjectUpdateInput!) { metaobjectUpdate(id: $id, metaobject: $m) { userErrors { message } } }`,
      {
        id: entries[0]!.id,
        m: { fields: [{ key: "label", value: "Camel Melange" }] },
      },
    );
    const { data: after } = await api()(
      `query P($id: ID!) { product(id: $id) { ${OPTIONS} variants(first: 1) { nodes { title } } } }`,
      { id: product.id },
    );
    expect(after.product.options[0].optionValues[0].name).toBe("Camel Melange");
    expect(after.product.variants.nodes[0].title).toMatch(/^Camel Melange \//);
  });

  it("requires a linked value for every existing value, valid entries and an existing linkable definition", async () => {
    const size = product.options.find((o) => o.name === "Size")!;
    const partial = await api()(OPTION_UPDATE, {
      productId: product.id,
      option: {
        id: size.id,
        linkedMetafield: { namespace: "shopify", key: "color-pattern" },
      },
      update: [],
    });
    expect(
      partial.data.productOptionUpdate.userErrors.map(
        (e: { code: string }) => e.code,
      ),
    ).toContain("LINKED_OPTION_UPDATE_MISSING_VALUES");
    const missing = await api()(OPTION_UPDATE, {
      productId: product.id,
      option: {
        id: size.id,
        linkedMetafield: { namespace: "custom", key: "nothing" },
      },
      update: size.optionValues.map((v) => ({
        id: v.id,
        linkedMetafieldValue: "gid://shopify/Metaobject/1",
      })),
    });
    expect(missing.data.productOptionUpdate.userErrors[0].code).toBe(
      "LINKED_METAFIELD_DEFINITION_NOT_FOUND",
    );
  });

  it("creates a linked option with productOptionsCreate and gives plain values no swatch", async () => {
    const created = await api()(
      `mutation { productCreate(product: { title: "Swatch scarf", productOptions: [{ name: "Size", values: [{ name: "One size" }] }] }) { product { id } } }`,
    );
    const id = created.data.productCreate.product.id;
    const navy = await colourEntry("Navy", "#1f2a44");
    const rust = await colourEntry("Rust", "#b7410e");
    const { data } = await api()(
      `mutation C($id: ID!, $o: [OptionCreateInput!]!) { productOptionsCreate(productId: $id, options: $o) { product { ${OPTIONS} variants(first: 5) { nodes { title } } } userErrors { field message code } } }`,
      {
        id,
        o: [
          {
            name: "Colour",
            position: 1,
            linkedMetafield: {
              namespace: "shopify",
              key: "color-pattern",
              values: [navy.id, rust.id],
            },
          },
        ],
      },
    );
    expect(data.productOptionsCreate.userErrors).toEqual([]);
    const [colour, size] = data.productOptionsCreate.product.options;
    expect(
      colour.optionValues.map(
        (v: {
          name: string;
          hasVariants: boolean;
          swatch: { color: string };
        }) => [v.name, v.hasVariants, v.swatch.color],
      ),
    ).toEqual([
      ["Navy", true, "#1f2a44"],
      ["Rust", false, "#b7410e"],
    ]);
    expect(size.optionValues[0].swatch).toBeNull();
    expect(data.productOptionsCreate.product.variants.nodes).toEqual([
      { title: "Navy / One size" },
    ]);

    const invalid = await api()(
      `mutation C($id: ID!, $o: [OptionCreateInput!]!) { productOptionsCreate(productId: $id, options: $o) { userErrors { code } } }`,
      {
        id,
        o: [
          {
            name: "Pattern",
            linkedMetafield: {
              namespace: "shopify",
              key: "color-pattern",
              values: ["gid://shopify/Metaobject/404"],
            },
          },
        ],
      },
    );
    expect(invalid.data.productOptionsCreate.userErrors[0].code).toBe(
      "OPTION_LINKED_METAFIELD_ALREADY_TAKEN",
    );
  });

  it("refuses a metaobject entry without its required label or with an invalid colour", async () => {
    const { data } = await api()(CREATE_ENTRY, {
      m: {
        type: "shopify--color-pattern",
        fields: [{ key: "color", value: '["red"]' }],
      },
    });
    expect(
      data.metaobjectCreate.userErrors.map((e: { code: string }) => e.code),
    ).toEqual(["INVALID_VALUE", "OBJECT_FIELD_REQUIRED"]);
  });
});
