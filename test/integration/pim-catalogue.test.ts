// The PIM against the store emulator: the catalogue arrives by bulk operation, and webhooks keep it current. What
// is published from it: pim-publish-values.test.ts.
import { describe, expect, it } from "vitest";
import db from "~/db.server";
import {
  importCatalogue,
  importCatalogueLines,
} from "~/pim/catalogue-import.server";
import { refreshProduct } from "~/pim/product-refresh.server";
import { upsertInstalledShop } from "~/shop/shop.db.server";
import { adminApi } from "../../emulator/testing";
import { SHOP, useCatalogueShop } from "../support/pim-catalogue";

const stage = useCatalogueShop();
const { emulator } = stage;

describe("catalogue import by bulk operation", () => {
  it("mirrors every product and variant with SKU, options, price, type, vendor, tags, category and status", async () => {
    const result = await importCatalogue(SHOP, stage.client, { pollMs: 10 });

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

    const result = await importCatalogue(SHOP, stage.client, { pollMs: 10 });

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

    expect(
      await refreshProduct(SHOP, stage.client, product.id, updatedAt),
    ).toBe("updated");
    expect(
      (
        await db.product.findUniqueOrThrow({
          where: { shop_shopifyId: { shop: SHOP, shopifyId: product.id } },
        })
      ).title,
    ).toBe("Camel wrap coat (renamed)");
    expect(
      await refreshProduct(SHOP, stage.client, product.id, updatedAt),
    ).toBe("stale");
  });

  it("reads every variant of a product that grew far beyond what the mirror held, page after page", async () => {
    // The refresh asks for the variants the mirror knows plus ten (about 2 points each, not 500 for 250):
    // 30 new sizes in Shopify take more than one page, and none is lost.
    const state = emulator.shop(SHOP);
    const product = [...state.products.values()][1]!;
    const template = state.variants.get(product.variantIds[0]!)!;
    const known = await db.variant.count({
      where: { shop: SHOP, product: { shopifyId: product.id } },
    });
    for (let i = 0; i < 30; i++) {
      const id = `gid://shopify/ProductVariant/99000${i}`;
      state.variants.set(id, {
        ...template,
        id,
        sku: `GROWN-${i}`,
        title: `Size ${i}`,
        position: product.variantIds.length + 1,
        selectedOptions: template.selectedOptions.map((o, n) =>
          n === 0 ? { ...o, value: `Size ${i}` } : o,
        ),
      });
      product.variantIds.push(id);
    }
    product.updatedAt = new Date(Date.now() + 60_000).toISOString();
    const reads = () =>
      emulator.operationCounts(SHOP).get("ProductForMirror") ?? 0;
    const before = reads();

    expect(
      await refreshProduct(
        SHOP,
        stage.client,
        product.id,
        new Date(product.updatedAt),
      ),
    ).toBe("updated");
    expect(reads() - before).toBeGreaterThan(1);
    const skus = (
      await db.variant.findMany({
        where: { shop: SHOP, product: { shopifyId: product.id } },
        select: { sku: true },
      })
    ).map((v) => v.sku);
    expect(skus).toHaveLength(known + 30);
    expect(skus).toEqual(
      expect.arrayContaining(
        Array.from({ length: 30 }, (_, i) => `GROWN-${i}`),
      ),
    );
  });

  it("creates a product it has not seen and forgets one Shopify no longer has", async () => {
    const CREATE = `mutation Create($product: ProductCreateInput!) { productCreate(product: $product) { product { id } userErrors { message } } }`;
    const { data } = await adminApi(emulator, SHOP)(CREATE, {
      product: { title: "Forest parka" },
    });
    const id = data.productCreate.product.id as string;
    expect(await refreshProduct(SHOP, stage.client, id, new Date())).toBe(
      "created",
    );
    emulator.shop(SHOP).products.delete(id);
    expect(await refreshProduct(SHOP, stage.client, id, new Date())).toBe(
      "gone",
    );
    expect(
      await db.product.count({ where: { shop: SHOP, shopifyId: id } }),
    ).toBe(0);
  });
});
