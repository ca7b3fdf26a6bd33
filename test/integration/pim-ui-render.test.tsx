// The PIM screens render on the server with real loader data (Polaris, i18n, router hooks): a smoke test that
// catches a component crashing on the shapes the loaders return.
import type { ComponentType } from "react";
import { beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { seedApparelAttributes } from "~/pim/apparel-seed.server";
import { saveProductValues } from "~/pim/values.db.server";
import Attributes, {
  loader as attributesLoader,
} from "~/routes/app.attributes";
import Editor, { loader as editorLoader } from "~/routes/app.products.$id";
import Products, {
  loader as productsLoader,
} from "~/routes/app.products._index";
import Spreadsheet, {
  loader as spreadsheetLoader,
} from "~/routes/app.products.spreadsheet";
import { upsertInstalledShop } from "~/shop/shop.db.server";
import { connectAppTo } from "../support/app-emulator";
import { renderRoute } from "../support/render-route";
import { testEmulator } from "../../emulator/testing";
import { storeOfflineSessionWithToken } from "../support/shopify";

const SHOP = "render-shop.myshopify.com";
const emulator = testEmulator();
let productId: string;

beforeAll(async () => {
  connectAppTo(emulator);
  emulator.addShop(SHOP);
  await storeOfflineSessionWithToken(SHOP, emulator.issueAccessToken(SHOP));
  await upsertInstalledShop(SHOP);
  const product = await db.product.create({
    data: {
      shop: SHOP,
      shopifyId: "gid://shopify/Product/1",
      handle: "camel-coat",
      title: "Camel wrap coat",
      status: "ACTIVE",
      productType: "Coats",
      variants: {
        create: [
          {
            shop: SHOP,
            shopifyId: "gid://shopify/ProductVariant/1",
            title: "S",
            sku: "C-S",
            selectedOptions: [],
          },
        ],
      },
    },
  });
  productId = product.id;
  await seedApparelAttributes(SHOP);
  await saveProductValues(
    SHOP,
    productId,
    [{ attributeKey: "fit", input: "Slim" }],
    "merch",
  );
});

const render = (
  path: string,
  Component: ComponentType,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route's loader has its own argument type
  loader: (args: any) => Promise<unknown>,
  params: Record<string, string> = {},
) => renderRoute(SHOP, path, Component, loader, params);

describe("PIM screens", () => {
  it("render the products index with its filters and rows", async () => {
    const html = await render("/app/products", Products, productsLoader);
    expect(html).toContain("Camel wrap coat");
    expect(html).toContain("Outerwear");
    expect(html).toContain("Shopify: Active");
  });

  it("render the product editor with groups, variant grid, completeness and history", async () => {
    const html = await render(
      `/app/products/${productId}`,
      Editor,
      editorLoader,
      { id: productId },
    );
    expect(html).toContain("Materials &amp; care");
    expect(html).toContain("C-S");
    expect(html).toContain("Completeness");
    expect(html).toContain("Slim");
    // Two statuses, never confused: the PIM's approval of the values and Shopify's own product status.
    expect(html).toContain("Values: draft");
    expect(html).toContain("Shopify: Active");
    expect(html).not.toMatch(/>Draft</);
  });

  it("shows Shopify's Draft status apart from the values' approval", async () => {
    await db.product.update({
      where: { id: productId },
      data: { status: "DRAFT", pimStatus: "APPROVED" },
    });
    const html = await render(
      `/app/products/${productId}`,
      Editor,
      editorLoader,
      { id: productId },
    );
    expect(html).toContain("Values approved");
    expect(html).toContain("Shopify: Draft");
    await db.product.update({
      where: { id: productId },
      data: { status: "ACTIVE", pimStatus: "DRAFT" },
    });
  });

  it("render the attribute settings and the spreadsheet screen", async () => {
    expect(
      await render("/app/attributes", Attributes, attributesLoader),
    ).toContain("material_composition");
    expect(
      await render("/app/products/spreadsheet", Spreadsheet, spreadsheetLoader),
    ).toContain("Dry run");
  });
});
