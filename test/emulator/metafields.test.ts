import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP, seedShop } from "../../emulator/seed/seed";
import { adminApi, testEmulator } from "../../emulator/testing";

const emulator = testEmulator({ appId: 4242 });
const api = () => adminApi(emulator, DEMO_SHOP);
let product: { id: string; handle: string };

const SET = `mutation Set($metafields: [MetafieldsSetInput!]!) {
  metafieldsSet(metafields: $metafields) { metafields { id namespace key value compareDigest } userErrors { field message code elementIndex } }
}`;
const DEFINE = `mutation Define($definition: MetafieldDefinitionInput!) {
  metafieldDefinitionCreate(definition: $definition) { createdDefinition { id namespace key type { name } access { admin storefront } } userErrors { field message code } }
}`;

beforeAll(async () => {
  await seedShop(emulator, DEMO_SHOP, { factor: 0.02, images: false });
  const { data } = await api()(
    `{ products(first: 1, query: "status:ACTIVE") { nodes { id handle } } }`,
  );
  product = data.products.nodes[0];
});

describe("metafield definitions", () => {
  it("expands $app:pim to the app-reserved namespace and refuses a duplicate (TAKEN)", async () => {
    const definition = {
      name: "Material",
      namespace: "$app:pim",
      key: "material",
      type: "single_line_text_field",
      ownerType: "PRODUCT",
      access: { admin: "MERCHANT_READ_WRITE", storefront: "PUBLIC_READ" },
    };
    const first = await api()(DEFINE, { definition });
    expect(
      first.data.metafieldDefinitionCreate.createdDefinition,
    ).toMatchObject({
      namespace: "app--4242--pim",
      key: "material",
      access: { admin: "MERCHANT_READ_WRITE", storefront: "PUBLIC_READ" },
    });
    const second = await api()(DEFINE, { definition });
    expect(second.data.metafieldDefinitionCreate.userErrors).toEqual([
      expect.objectContaining({ code: "TAKEN" }),
    ]);
  });

  it("refuses admin access settings outside the app's namespace", async () => {
    const { data } = await api()(DEFINE, {
      definition: {
        name: "Fit",
        namespace: "custom",
        key: "fit",
        type: "single_line_text_field",
        ownerType: "PRODUCT",
        access: { admin: "MERCHANT_READ" },
      },
    });
    expect(data.metafieldDefinitionCreate.userErrors).toEqual([
      expect.objectContaining({ code: "ADMIN_ACCESS_INPUT_NOT_ALLOWED" }),
    ]);
  });
});

describe("metafieldsSet", () => {
  it("sets values under $app (type from the definition) and reads them back by namespace", async () => {
    const { data } = await api()(SET, {
      metafields: [
        {
          ownerId: product.id,
          namespace: "$app:pim",
          key: "material",
          value: "Recycled wool",
        },
      ],
    });
    expect(data.metafieldsSet.userErrors).toEqual([]);
    const read = await api()(
      `query P($id: ID!) { product(id: $id) { material: metafield(namespace: "$app:pim", key: "material") { value type jsonValue } } }`,
      {
        id: product.id,
      },
    );
    expect(read.data.product.material).toEqual({
      value: "Recycled wool",
      type: "single_line_text_field",
      jsonValue: "Recycled wool",
    });
  });

  it("accepts at most 25 metafields per call", async () => {
    const metafields = Array.from({ length: 26 }, (_, i) => ({
      ownerId: product.id,
      namespace: "$app",
      key: `k${i}`,
      type: "number_integer",
      value: String(i),
    }));
    const { data } = await api()(SET, { metafields });
    expect(data.metafieldsSet).toEqual({
      metafields: null,
      userErrors: [
        expect.objectContaining({
          code: "LESS_THAN_OR_EQUAL_TO",
          message: expect.stringMatching(/25/),
        }),
      ],
    });
  });

  it("is atomic: one invalid value and nothing is written, with the element's index", async () => {
    const { data } = await api()(SET, {
      metafields: [
        {
          ownerId: product.id,
          namespace: "$app",
          key: "weight_grams",
          type: "number_integer",
          value: "1200",
        },
        {
          ownerId: product.id,
          namespace: "$app",
          key: "launch",
          type: "date",
          value: "next tuesday",
        },
      ],
    });
    expect(data.metafieldsSet.userErrors).toEqual([
      expect.objectContaining({ code: "INVALID_VALUE", elementIndex: 1 }),
    ]);
    const read = await api()(
      `query P($id: ID!) { product(id: $id) { metafield(namespace: "$app", key: "weight_grams") { value } } }`,
      { id: product.id },
    );
    expect(read.data.product.metafield).toBeNull();
  });

  it("validates structured and list types", async () => {
    const { data } = await api()(SET, {
      metafields: [
        {
          ownerId: product.id,
          namespace: "$app",
          key: "length",
          type: "dimension",
          value: JSON.stringify({ value: 98, unit: "CENTIMETERS" }),
        },
        {
          ownerId: product.id,
          namespace: "$app",
          key: "care",
          type: "list.single_line_text_field",
          value: JSON.stringify(["Dry clean", "Do not tumble dry"]),
        },
      ],
    });
    expect(data.metafieldsSet.userErrors).toEqual([]);
    const bad = await api()(SET, {
      metafields: [
        {
          ownerId: product.id,
          namespace: "$app",
          key: "length",
          type: "dimension",
          value: JSON.stringify({ value: 98, unit: "PARSECS" }),
        },
      ],
    });
    expect(bad.data.metafieldsSet.userErrors).toEqual([
      expect.objectContaining({ code: "INVALID_VALUE" }),
    ]);
  });

  it("compares digests: a stale compareDigest, or null for a metafield that exists, is refused", async () => {
    const write = async (value: string, compareDigest?: string | null) =>
      (
        await api()(SET, {
          metafields: [
            {
              ownerId: product.id,
              namespace: "$app",
              key: "season",
              type: "single_line_text_field",
              value,
              ...(compareDigest === undefined ? {} : { compareDigest }),
            },
          ],
        })
      ).data.metafieldsSet;
    const created = await write("AW26", null);
    expect(created.userErrors).toEqual([]);
    const digest = created.metafields[0].compareDigest as string;
    expect((await write("AW26 capsule", null)).userErrors).toEqual([
      expect.objectContaining({ code: "STALE_OBJECT" }),
    ]);
    expect((await write("AW26 capsule", digest)).userErrors).toEqual([]);
    expect((await write("AW27", digest)).userErrors).toEqual([
      expect.objectContaining({ code: "STALE_OBJECT" }),
    ]);
  });

  it("deletes metafields (metafieldsDelete) and reports the ones that did not exist as null", async () => {
    const { data } = await api()(
      `mutation Delete($metafields: [MetafieldIdentifierInput!]!) { metafieldsDelete(metafields: $metafields) { deletedMetafields { key namespace ownerId } userErrors { message } } }`,
      {
        metafields: [
          { ownerId: product.id, namespace: "$app", key: "season" },
          { ownerId: product.id, namespace: "$app", key: "never-set" },
        ],
      },
    );
    expect(data.metafieldsDelete.deletedMetafields).toEqual([
      { key: "season", namespace: "app--4242", ownerId: product.id },
      null,
    ]);
  });

  it("shows the storefront only app metafields whose definition grants storefront access", async () => {
    const response = await emulator.handle(
      new Request(`https://${DEMO_SHOP}/products/${product.handle}.js`),
    );
    const storefront = (await response.json()) as {
      metafields: Record<string, Record<string, unknown>>;
    };
    expect(storefront.metafields).toEqual({
      "app--4242--pim": { material: "Recycled wool" },
    });
  });
});
