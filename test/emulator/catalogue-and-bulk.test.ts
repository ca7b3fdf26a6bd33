import { beforeAll, describe, expect, it } from "vitest";
import { buildCatalogue } from "../../emulator/seed/catalogue";
import { DEMO_SHOP, seedShop } from "../../emulator/seed/seed";
import { TAXONOMY } from "../../emulator/taxonomy";
import { adminApi, testEmulator } from "../../emulator/testing";

const emulator = testEmulator({ bulkOperationMs: 40 });
const api = () => adminApi(emulator, DEMO_SHOP);

beforeAll(async () => {
  await seedShop(emulator, DEMO_SHOP, { images: false });
});

describe("the seeded autumn/winter collection", () => {
  it("has about 200 products and 2,000 variants in four families, deterministically", () => {
    const catalogue = buildCatalogue();
    const variants = catalogue.flatMap((p) => p.variants);
    expect(catalogue).toHaveLength(200);
    expect(variants.length).toBeGreaterThan(1800);
    expect(variants.length).toBeLessThan(2600);
    expect(new Set(catalogue.map((p) => p.productType))).toEqual(
      new Set(["Coats", "Knitwear", "Trousers", "Accessories"]),
    );
    expect(new Set(variants.map((v) => v.sku)).size).toBe(variants.length);
    expect(buildCatalogue().map((p) => p.variants.map((v) => v.sku))).toEqual(
      catalogue.map((p) => p.variants.map((v) => v.sku)),
    );
    expect(catalogue.every((p) => TAXONOMY[p.categoryId])).toBe(true);
  });
});

describe("products: cursor pagination and search", () => {
  it("pages through every product with cursors and no duplicates", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const {
        data,
      }: {
        data?: {
          products: {
            nodes: { id: string }[];
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        };
      } = await api()(
        `query Page($after: String) { products(first: 60, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      seen.push(...data!.products.nodes.map((n) => n.id));
      if (!data!.products.pageInfo.hasNextPage) break;
      after = data!.products.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(200);
    expect(new Set(seen).size).toBe(200);
  });

  it.each([
    [
      "product_type:Knitwear",
      (p: { productType: string }) => p.productType === "Knitwear",
    ],
    ["tag:Cashmere", (p: { tags: string[] }) => p.tags.includes("Cashmere")],
    ["status:DRAFT", (p: { status: string }) => p.status === "DRAFT"],
    [
      "-product_type:Coats",
      (p: { productType: string }) => p.productType !== "Coats",
    ],
  ])("filters with query %s", async (query, predicate) => {
    const expected = buildCatalogue().filter(
      predicate as (p: unknown) => boolean,
    ).length;
    const { data } = await api()(
      `query Q($q: String) { productsCount(query: $q) { count } products(first: 250, query: $q) { nodes { id } } }`,
      { q: query },
    );
    expect(data.products.nodes).toHaveLength(expected);
    expect(data.productsCount.count).toBe(expected);
  });

  it("finds a variant by SKU and reads nodes by id", async () => {
    const sku = buildCatalogue()[3]!.variants[2]!.sku;
    const { data } = await api()(
      `query V($q: String) { productVariants(first: 5, query: $q) { nodes { id sku product { id } } } }`,
      { q: `sku:${sku}` },
    );
    expect(data.productVariants.nodes).toEqual([
      expect.objectContaining({ sku }),
    ]);
    const variant = data.productVariants.nodes[0];
    const nodes = await api()(
      `query N($ids: [ID!]!) { nodes(ids: $ids) { id ... on ProductVariant { sku } ... on Product { title } } }`,
      {
        ids: [variant.id, variant.product.id, "gid://shopify/Product/1"],
      },
    );
    expect(nodes.data.nodes).toEqual([
      { id: variant.id, sku },
      expect.objectContaining({ id: variant.product.id }),
      null,
    ]);
  });
});

describe("bulk operations", () => {
  const RUN = `mutation Run($query: String!) { bulkOperationRunQuery(query: $query, groupObjects: false) { bulkOperation { id status } userErrors { code message } } }`;
  const STATUS = `query Op($id: ID!) { bulkOperation(id: $id) { status objectCount rootObjectCount url } }`;

  it("goes CREATED → RUNNING → COMPLETED and writes JSONL with __parentId on nested nodes", async () => {
    const query = `{ products(query: "product_type:Coats") { edges { node { id title variants { edges { node { id sku } } } } } } }`;
    const { data } = await api()(RUN, { query });
    const { id, status } = data.bulkOperationRunQuery.bulkOperation;
    expect(status).toBe("CREATED");
    await new Promise((resolve) => setTimeout(resolve, 25));
    // Past CREATED once it started; a fast run may already have completed (wall-clock timing, not the clock).
    expect(["RUNNING", "COMPLETED"]).toContain(
      (await api()(STATUS, { id })).data.bulkOperation.status,
    );
    await emulator.idle();
    const done = (await api()(STATUS, { id })).data.bulkOperation;
    expect(done.status).toBe("COMPLETED");

    const lines = (await (await emulator.handle(new Request(done.url))).text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, string>);
    const coats = buildCatalogue().filter((p) => p.productType === "Coats");
    const products = lines.filter((l) => l.id!.includes("/Product/"));
    const variants = lines.filter((l) => l.id!.includes("/ProductVariant/"));
    expect(products).toHaveLength(coats.length);
    expect(variants).toHaveLength(
      coats.reduce((n, p) => n + p.variants.length, 0),
    );
    expect(Number(done.rootObjectCount)).toBe(coats.length);
    expect(Number(done.objectCount)).toBe(lines.length);
    const productIds = new Set(products.map((p) => p.id));
    expect(variants.every((v) => productIds.has(v.__parentId!) && v.sku)).toBe(
      true,
    );
    expect(products.every((p) => !("variants" in p))).toBe(true);
  });

  it("refuses a bulk query without a connection, and more than five at once", async () => {
    const invalid = await api()(RUN, { query: `{ shop { name } }` });
    expect(invalid.data.bulkOperationRunQuery.userErrors).toEqual([
      expect.objectContaining({ code: "INVALID" }),
    ]);
    const runs = [];
    for (let i = 0; i < 6; i++)
      runs.push(
        await api()(RUN, { query: `{ products { edges { node { id } } } }` }),
      );
    expect(
      runs
        .slice(0, 5)
        .every((r) => r.data.bulkOperationRunQuery.userErrors.length === 0),
    ).toBe(true);
    expect(runs[5]!.data.bulkOperationRunQuery.userErrors).toEqual([
      expect.objectContaining({ code: "LIMIT_REACHED" }),
    ]);
    await emulator.idle();
  });
});
