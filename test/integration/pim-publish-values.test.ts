// Approved PIM values become storefront-readable $app metafields on the imported catalogue (cleared ones vanish),
// without reacting to our own writes' echo, never older over newer, retrying on a stale compareDigest.
import { channelKinds } from "~/channels/kinds";
import { beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { Upstream } from "~/lib/errors";
import { seedApparelAttributes } from "~/pim/apparel-seed.server";
import { importCatalogue } from "~/pim/catalogue-import.server";
import { refreshProduct } from "~/pim/product-refresh.server";
import { publishProductValues } from "~/pim/publish.server";
import { approveProducts } from "~/pim/approval.db.server";
import { saveProductValues } from "~/pim/values.db.server";
import { adminApi } from "../../emulator/testing";
import { SHOP, useCatalogueShop } from "../support/pim-catalogue";

const stage = useCatalogueShop();
const { appNamespace, emulator, storefront } = stage;

beforeAll(async () => {
  await importCatalogue(SHOP, stage.client, { pollMs: 10 });
});

describe("publishing approved values", () => {
  let product: {
    id: string;
    shopifyId: string;
    handle: string;
    variantId: string;
  };

  beforeAll(async () => {
    await seedApparelAttributes(SHOP);
    const row = await db.product.findFirstOrThrow({
      where: { shop: SHOP, productType: "Coats", status: "ACTIVE" },
      include: { variants: { orderBy: { position: "asc" } } },
    });
    product = {
      id: row.id,
      shopifyId: row.shopifyId,
      handle: row.handle,
      variantId: row.variants[0]!.id,
    };
  });

  it("writes approved values as $app metafields the storefront can read, and ignores the echo", async () => {
    await saveProductValues(
      SHOP,
      product.id,
      [
        {
          attributeKey: "material_composition",
          input: "80% wool, 20% cashmere",
        },
        { attributeKey: "season", input: "AW26; Core" },
        { attributeKey: "fit", input: "Relaxed" },
        {
          attributeKey: "garment_length",
          variantId: product.variantId,
          input: "92 cm",
        },
      ],
      "merchandiser@example.com",
    );
    // Draft values are not published.
    expect(
      (await publishProductValues(SHOP, product.id, stage.client)).outcome,
    ).toBe("superseded");
    const [approval] = await approveProducts(
      SHOP,
      [product.id],
      "lead@example.com",
    );

    const result = await publishProductValues(
      SHOP,
      product.id,
      stage.client,
      approval!.version,
    );

    expect(result).toMatchObject({ outcome: "published", set: 4, removed: 0 });
    const view = await storefront(product.handle);
    expect(view.metafields[appNamespace()]).toEqual({
      material_composition: "80% wool, 20% cashmere",
      season: ["AW26", "Core"],
      fit: "Relaxed",
    });
    expect(view.variants[0]!.metafields[appNamespace()]).toEqual({
      garment_length: { value: 92, unit: "CENTIMETERS" },
    });

    // Our write made Shopify send products/update with the updatedAt it produced: that is our echo.
    const echoed = new Date(
      emulator.shop(SHOP).products.get(product.shopifyId)!.updatedAt,
    );
    expect(
      await refreshProduct(SHOP, stage.client, product.shopifyId, echoed),
    ).toBe("echo");
    // Publishing again sends nothing (idempotent).
    expect(
      await publishProductValues(SHOP, product.id, stage.client),
    ).toMatchObject({
      outcome: "superseded",
      calls: 0,
    });
  });

  it("gives a product created in Shopify its family and completeness when its webhook arrives", async () => {
    const CREATE = `mutation Create($product: ProductCreateInput!) { productCreate(product: $product) { product { id } userErrors { message } } }`;
    const { data } = await adminApi(emulator, SHOP)(CREATE, {
      product: { title: "Olive trench", productType: "Coats" },
    });
    const id = data.productCreate.product.id as string;

    expect(await refreshProduct(SHOP, stage.client, id, new Date())).toBe(
      "created",
    );

    const row = await db.product.findUniqueOrThrow({
      where: { shop_shopifyId: { shop: SHOP, shopifyId: id } },
      include: { family: true, completeness: true },
    });
    expect(row.family?.name).toBe("Outerwear");
    expect(row.completeness.map((c) => c.percent)).toEqual(
      channelKinds.map(() => 0),
    );
  });

  it("deletes the metafield when an approved value is cleared", async () => {
    await saveProductValues(
      SHOP,
      product.id,
      [{ attributeKey: "fit", input: "" }],
      null,
    );
    const [approval] = await approveProducts(SHOP, [product.id], null);

    const result = await publishProductValues(
      SHOP,
      product.id,
      stage.client,
      approval!.version,
    );

    expect(result).toMatchObject({ set: 0, removed: 1 });
    expect(
      (await storefront(product.handle)).metafields[appNamespace()],
    ).not.toHaveProperty("fit");
  });

  it("never lets an older job overwrite a newer version", async () => {
    await saveProductValues(
      SHOP,
      product.id,
      [{ attributeKey: "fit", input: "Slim" }],
      null,
    );
    const [first] = await approveProducts(SHOP, [product.id], null);
    await saveProductValues(
      SHOP,
      product.id,
      [{ attributeKey: "fit", input: "Oversized" }],
      null,
    );
    const [second] = await approveProducts(SHOP, [product.id], null);

    expect(
      (
        await publishProductValues(
          SHOP,
          product.id,
          stage.client,
          second!.version,
        )
      ).outcome,
    ).toBe("published");
    expect(
      (
        await publishProductValues(
          SHOP,
          product.id,
          stage.client,
          first!.version,
        )
      ).outcome,
    ).toBe("superseded");
    expect(
      (await storefront(product.handle)).metafields[appNamespace()]!.fit,
    ).toBe("Oversized");
  });

  it("retries with fresh digests when someone else changed the metafield (compareDigest)", async () => {
    await adminApi(emulator, SHOP)(
      `mutation Set($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) { userErrors { message } } }`,
      {
        m: [
          {
            ownerId: product.shopifyId,
            namespace: "$app",
            key: "fit",
            type: "single_line_text_field",
            value: "Regular",
          },
        ],
      },
    );
    await saveProductValues(
      SHOP,
      product.id,
      [{ attributeKey: "fit", input: "Slim" }],
      null,
    );
    const [approval] = await approveProducts(SHOP, [product.id], null);

    await expect(
      publishProductValues(SHOP, product.id, stage.client, approval!.version),
    ).rejects.toBeInstanceOf(Upstream);
    expect(
      await publishProductValues(
        SHOP,
        product.id,
        stage.client,
        approval!.version,
      ),
    ).toMatchObject({ outcome: "published", set: 1 });
    expect(
      (await storefront(product.handle)).metafields[appNamespace()]!.fit,
    ).toBe("Slim");
  });
});
