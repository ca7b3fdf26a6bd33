// The PIM against the store emulator: the catalogue arrives by bulk operation, webhooks keep it current without
// reacting to our own writes, and approved values become storefront-readable metafields (cleared ones vanish).
import { channelKinds } from "~/channels/kinds";
import { beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { Upstream } from "~/lib/errors";
import { seedApparelAttributes } from "~/pim/apparel-seed.server";
import {
  importCatalogue,
  importCatalogueLines,
} from "~/pim/catalogue-import.server";
import { refreshProduct } from "~/pim/product-refresh.server";
import { publishProductValues } from "~/pim/publish.server";
import { approveProducts } from "~/pim/approval.db.server";
import { saveProductValues } from "~/pim/values.db.server";
import {
  adminClientFor,
  type AdminClient,
} from "~/shopify/admin-client.server";
import { upsertInstalledShop } from "~/shop/shop.db.server";
import { connectAppTo } from "../support/app-emulator";
import { DEMO_SHOP, seedShop } from "../../emulator/seed/seed";
import { adminApi, testEmulator } from "../../emulator/testing";
import { storeOfflineSessionWithToken } from "../support/shopify";

const SHOP = DEMO_SHOP;
const emulator = testEmulator();
let client: AdminClient;

async function storefront(handle: string) {
  const response = await emulator.handle(
    new Request(`https://${SHOP}/products/${handle}.js`),
  );
  return (await response.json()) as {
    metafields: Record<string, Record<string, unknown>>;
    variants: {
      id: number;
      metafields: Record<string, Record<string, unknown>>;
    }[];
  };
}

const appNamespace = () => `app--${emulator.appId}`;

beforeAll(async () => {
  await seedShop(emulator, SHOP, { factor: 0.1, images: false });
  connectAppTo(emulator);
  await storeOfflineSessionWithToken(SHOP, emulator.issueAccessToken(SHOP));
  await upsertInstalledShop(SHOP);
  client = await adminClientFor(SHOP);
});

describe("catalogue import by bulk operation", () => {
  it("mirrors every product and variant with SKU, options, price, type, vendor, tags, category and status", async () => {
    const result = await importCatalogue(SHOP, client, { pollMs: 10 });

    const products = [...emulator.shop(SHOP).products.values()];
    const variants = [...emulator.shop(SHOP).variants.values()];
    expect(result).toMatchObject({
      products: products.length,
      variants: variants.length,
      removed: 0,
    });
    expect(await db.product.count({ where: { shop: SHOP } })).toBe(
      products.length,
    );
    expect(await db.variant.count({ where: { shop: SHOP } })).toBe(
      variants.length,
    );
    const sample = products[0]!;
    const mirrored = await db.product.findUniqueOrThrow({
      where: { shop_shopifyId: { shop: SHOP, shopifyId: sample.id } },
      include: { variants: { orderBy: { position: "asc" } } },
    });
    expect(mirrored).toMatchObject({
      handle: sample.handle,
      title: sample.title,
      vendor: sample.vendor,
      productType: sample.productType,
      status: sample.status,
      tags: sample.tags,
      categoryId: sample.categoryId,
    });
    const firstVariant = emulator
      .shop(SHOP)
      .variants.get(sample.variantIds[0]!)!;
    expect(mirrored.variants[0]).toMatchObject({
      shopifyId: firstVariant.id,
      sku: firstVariant.sku,
      price: firstVariant.price,
    });
    expect(mirrored.variants[0]!.selectedOptions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "Colour" }),
        expect.objectContaining({ name: "Size" }),
      ]),
    );
    expect(
      await db.catalogueImport.findFirstOrThrow({ where: { shop: SHOP } }),
    ).toMatchObject({
      status: "COMPLETED",
      linesRead: products.length + variants.length,
    });
  });

  it("removes products Shopify no longer has on the next import (a deletion whose webhook never came)", async () => {
    const gone = [...emulator.shop(SHOP).products.values()].at(-1)!;
    emulator.shop(SHOP).products.delete(gone.id);
    for (const id of gone.variantIds) emulator.shop(SHOP).variants.delete(id);

    const result = await importCatalogue(SHOP, client, { pollMs: 10 });

    expect(result.removed).toBe(1);
    expect(
      await db.product.count({ where: { shop: SHOP, shopifyId: gone.id } }),
    ).toBe(0);
  });

  it("streams a large JSONL result in batches, variants attached to their products", async () => {
    const shop = "streamed.myshopify.com";
    await upsertInstalledShop(shop);
    // 1,600 lines: six batches of 250, the last one partial.
    const products = 400;
    async function* lines() {
      for (let p = 1; p <= products; p += 1) {
        yield JSON.stringify({
          id: `gid://shopify/Product/${p}`,
          handle: `p-${p}`,
          title: `Product ${p}`,
          status: "ACTIVE",
          tags: [],
        });
        for (let v = 1; v <= 3; v += 1)
          yield JSON.stringify({
            id: `gid://shopify/ProductVariant/${p * 10 + v}`,
            __parentId: `gid://shopify/Product/${p}`,
            title: `Size ${v}`,
            sku: `SKU-${p}-${v}`,
            position: v,
            selectedOptions: [{ name: "Size", value: String(v) }],
          });
      }
    }
    const progress: number[] = [];

    const counts = await importCatalogueLines(shop, lines(), async (c) => {
      progress.push(c.lines);
    });

    expect(counts).toEqual({
      lines: products * 4,
      products,
      variants: products * 3,
    });
    expect(progress.length).toBeGreaterThanOrEqual(6);
    expect(
      await db.variant.count({
        where: { shop, product: { shopifyId: "gid://shopify/Product/377" } },
      }),
    ).toBe(3);
    expect(
      (
        await db.product.findFirstOrThrow({
          where: { shop, shopifyId: "gid://shopify/Product/377" },
        })
      ).searchText,
    ).toContain("sku-377-2");
  });
});

describe("webhook-driven refresh", () => {
  const UPDATE = `mutation Update($product: ProductUpdateInput!) { productUpdate(product: $product) { product { id updatedAt } userErrors { message } } }`;

  it("applies a merchant's edit, then drops the same delivery as stale", async () => {
    const product = [...emulator.shop(SHOP).products.values()][0]!;
    const { data } = await adminApi(emulator, SHOP)(UPDATE, {
      product: { id: product.id, title: "Camel wrap coat (renamed)" },
    });
    const updatedAt = new Date(data.productUpdate.product.updatedAt as string);

    expect(await refreshProduct(SHOP, client, product.id, updatedAt)).toBe(
      "updated",
    );
    expect(
      (
        await db.product.findUniqueOrThrow({
          where: { shop_shopifyId: { shop: SHOP, shopifyId: product.id } },
        })
      ).title,
    ).toBe("Camel wrap coat (renamed)");
    expect(await refreshProduct(SHOP, client, product.id, updatedAt)).toBe(
      "stale",
    );
  });

  it("creates a product it has not seen and forgets one Shopify no longer has", async () => {
    const CREATE = `mutation Create($product: ProductCreateInput!) { productCreate(product: $product) { product { id } userErrors { message } } }`;
    const { data } = await adminApi(emulator, SHOP)(CREATE, {
      product: { title: "Forest parka" },
    });
    const id = data.productCreate.product.id as string;
    expect(await refreshProduct(SHOP, client, id, new Date())).toBe("created");
    emulator.shop(SHOP).products.delete(id);
    expect(await refreshProduct(SHOP, client, id, new Date())).toBe("gone");
    expect(
      await db.product.count({ where: { shop: SHOP, shopifyId: id } }),
    ).toBe(0);
  });
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
    expect((await publishProductValues(SHOP, product.id, client)).outcome).toBe(
      "superseded",
    );
    const [approval] = await approveProducts(
      SHOP,
      [product.id],
      "lead@example.com",
    );

    const result = await publishProductValues(
      SHOP,
      product.id,
      client,
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
    expect(await refreshProduct(SHOP, client, product.shopifyId, echoed)).toBe(
      "echo",
    );
    // Publishing again sends nothing (idempotent).
    expect(await publishProductValues(SHOP, product.id, client)).toMatchObject({
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

    expect(await refreshProduct(SHOP, client, id, new Date())).toBe("created");

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
      client,
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
      (await publishProductValues(SHOP, product.id, client, second!.version))
        .outcome,
    ).toBe("published");
    expect(
      (await publishProductValues(SHOP, product.id, client, first!.version))
        .outcome,
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
      publishProductValues(SHOP, product.id, client, approval!.version),
    ).rejects.toBeInstanceOf(Upstream);
    expect(
      await publishProductValues(SHOP, product.id, client, approval!.version),
    ).toMatchObject({ outcome: "published", set: 1 });
    expect(
      (await storefront(product.handle)).metafields[appNamespace()]!.fit,
    ).toBe("Slim");
  });
});
