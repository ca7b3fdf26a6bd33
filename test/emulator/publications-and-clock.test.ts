import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP, seedShop } from "../../emulator/seed/seed";
import { adminApi, testEmulator } from "../../emulator/testing";

const emulator = testEmulator();
const api = () => adminApi(emulator, DEMO_SHOP);

const CREATE = `mutation Create($product: ProductCreateInput!) { productCreate(product: $product) { product { id handle status } userErrors { message } } }`;
const UPDATE = `mutation Update($product: ProductUpdateInput!) { productUpdate(product: $product) { product { id status } userErrors { message } } }`;
const PUBLISH = `mutation Publish($id: ID!, $input: [PublicationInput!]!) { publishablePublish(id: $id, input: $input) { publishable { ... on Product { id } } userErrors { field message } } }`;
const UNPUBLISH = `mutation Unpublish($id: ID!, $input: [PublicationInput!]!) { publishableUnpublish(id: $id, input: $input) { userErrors { field message } } }`;

let onlineStore: string;
let pointOfSale: string;

async function storefront(handle: string, prefix = "") {
  const response = await emulator.handle(
    new Request(`https://${DEMO_SHOP}${prefix}/products/${handle}.js`),
  );
  return response.status;
}

async function listed(): Promise<string[]> {
  const response = await emulator.handle(
    new Request(`https://${DEMO_SHOP}/products.json`),
  );
  return (
    (await response.json()) as { products: { handle: string }[] }
  ).products.map((p) => p.handle);
}

async function createProduct(title: string, status = "DRAFT") {
  const { data } = await api()(CREATE, { product: { title, status } });
  return data.productCreate.product as { id: string; handle: string };
}

beforeAll(async () => {
  await seedShop(emulator, DEMO_SHOP, { factor: 0.05, images: false });
  const { data } = await api()(
    `{ publications(first: 10) { nodes { id name supportsFuturePublishing catalog { title } } } }`,
  );
  const nodes = data.publications.nodes as {
    id: string;
    name: string;
    supportsFuturePublishing: boolean;
  }[];
  expect(nodes.map((n) => n.name)).toEqual([
    "Online Store",
    "Point of Sale",
    "Google & YouTube",
  ]);
  expect(nodes.map((n) => n.supportsFuturePublishing)).toEqual([
    true,
    false,
    false,
  ]);
  onlineStore = nodes[0]!.id;
  pointOfSale = nodes[1]!.id;
});

describe("publications and product status", () => {
  it("publishes the seeded ACTIVE catalogue everywhere, and a GraphQL-created product nowhere", async () => {
    const { data } = await api()(
      `query Q($pub: ID!) { products(first: 1, query: "status:ACTIVE") { nodes { handle onlineStoreUrl publishedAt publishedOnPublication(publicationId: $pub) resourcePublicationsCount { count } } } }`,
      { pub: onlineStore },
    );
    const seeded = data.products.nodes[0];
    expect(seeded).toMatchObject({
      publishedOnPublication: true,
      resourcePublicationsCount: { count: 3 },
    });
    expect(seeded.onlineStoreUrl).toBe(
      `https://${DEMO_SHOP}/products/${seeded.handle}`,
    );
    expect(await storefront(seeded.handle)).toBe(200);

    const created = await createProduct("Launch coat", "ACTIVE");
    const { data: fresh } = await api()(
      `query Q($id: ID!) { product(id: $id) { onlineStoreUrl publishedAt resourcePublications(first: 5) { nodes { isPublished } } } }`,
      { id: created.id },
    );
    expect(fresh.product).toEqual({
      onlineStoreUrl: null,
      publishedAt: null,
      resourcePublications: { nodes: [] },
    });
    expect(await storefront(created.handle)).toBe(404);
  });

  it("keeps a DRAFT product published to the Online Store hidden until it turns ACTIVE, then hides it again when unpublished", async () => {
    const product = await createProduct("Embargoed parka");
    const published = await api()(PUBLISH, {
      id: product.id,
      input: [{ publicationId: onlineStore }, { publicationId: pointOfSale }],
    });
    expect(published.data.publishablePublish.userErrors).toEqual([]);
    expect(await storefront(product.handle)).toBe(404);

    await api()(UPDATE, { product: { id: product.id, status: "ACTIVE" } });
    expect(await storefront(product.handle)).toBe(200);
    expect(await listed()).toContain(product.handle);

    await api()(UNPUBLISH, {
      id: product.id,
      input: [{ publicationId: onlineStore }],
    });
    expect(await storefront(product.handle)).toBe(404);
    const { data } = await api()(
      `query Q($id: ID!, $os: ID!, $pos: ID!) { product(id: $id) { os: publishedOnPublication(publicationId: $os) pos: publishedOnPublication(publicationId: $pos) unpublishedPublications(first: 5) { nodes { id } } } }`,
      { id: product.id, os: onlineStore, pos: pointOfSale },
    );
    expect(data.product).toMatchObject({ os: false, pos: true });
    expect(
      data.product.unpublishedPublications.nodes.map(
        (n: { id: string }) => n.id,
      ),
    ).toContain(onlineStore);
  });

  it("shows an UNLISTED product on its direct link but not in the store's listing", async () => {
    const product = await createProduct("Private preview scarf", "UNLISTED");
    await api()(PUBLISH, {
      id: product.id,
      input: [{ publicationId: onlineStore }],
    });
    expect(await storefront(product.handle)).toBe(200);
    expect(await listed()).not.toContain(product.handle);
    const { data } = await api()(
      `query Q($id: ID!) { product(id: $id) { status } }`,
      { id: product.id },
    );
    expect(data.product.status).toBe("UNLISTED");
    const { data: search } = await api()(
      `{ products(first: 250, query: "status:unlisted") { nodes { id } } }`,
    );
    expect(search.products.nodes).toEqual([{ id: product.id }]);
  });

  it("schedules an Online Store publication at a future date reached by advancing the emulator clock", async () => {
    const product = await createProduct("Midnight drop boot", "ACTIVE");
    const goLive = new Date(
      emulator.clock.now() + 3 * 24 * 3_600_000,
    ).toISOString();
    const scheduled = await api()(PUBLISH, {
      id: product.id,
      input: [{ publicationId: onlineStore, publishDate: goLive }],
    });
    expect(scheduled.data.publishablePublish.userErrors).toEqual([]);
    const state = async () =>
      (
        await api()(
          `query Q($id: ID!, $os: ID!) { product(id: $id) { publishedOnPublication(publicationId: $os) all: resourcePublications(first: 5, onlyPublished: false) { nodes { isPublished publishDate } } } }`,
          { id: product.id, os: onlineStore },
        )
      ).data.product;
    expect(await state()).toEqual({
      publishedOnPublication: false,
      all: { nodes: [{ isPublished: true, publishDate: goLive }] },
    });
    expect(await storefront(product.handle)).toBe(404);

    emulator.clock.advance(3 * 24 * 3_600_000 + 1000);
    expect((await state()).publishedOnPublication).toBe(true);
    expect(await storefront(product.handle)).toBe(200);
  });

  it("refuses to schedule on a channel other than the Online Store, and refuses an unknown publication", async () => {
    const product = await createProduct("Scheduled elsewhere");
    const future = new Date(emulator.clock.now() + 3_600_000).toISOString();
    const { data } = await api()(PUBLISH, {
      id: product.id,
      input: [{ publicationId: pointOfSale, publishDate: future }],
    });
    expect(data.publishablePublish.userErrors).toEqual([
      {
        field: ["input", "0", "publishDate"],
        message: expect.stringContaining("scheduled publishing"),
      },
    ]);
    const unknown = await api()(PUBLISH, {
      id: product.id,
      input: [{ publicationId: "gid://shopify/Publication/1" }],
    });
    expect(unknown.data.publishablePublish.userErrors[0].field).toEqual([
      "input",
      "0",
      "publicationId",
    ]);
  });

  it("filters products by published_status and publication_ids", async () => {
    const product = await createProduct("Filtered knit", "ACTIVE");
    await api()(PUBLISH, {
      id: product.id,
      input: [{ publicationId: pointOfSale }],
    });
    const pos = pointOfSale.split("/").pop();
    const { data } = await api()(
      `query Q($a: String, $b: String) { a: products(first: 250, query: $a) { nodes { id } } b: products(first: 250, query: $b) { nodes { id } } }`,
      {
        a: `published_status:${pos}-published published_status:unpublished`,
        b: `publication_ids:${pos} title:"Filtered knit"`,
      },
    );
    expect(data.a.nodes).toContainEqual({ id: product.id });
    expect(data.b.nodes).toEqual([{ id: product.id }]);
  });
});

describe("the emulator clock", () => {
  it("stamps writes with emulator time, which tests freeze, set and advance (also over HTTP)", async () => {
    emulator.clock.freeze("2026-11-01T08:00:00.000Z");
    const product = await createProduct("Clocked coat");
    const read = async () =>
      (
        await api()(
          `query Q($id: ID!) { product(id: $id) { createdAt updatedAt } }`,
          { id: product.id },
        )
      ).data.product;
    expect(await read()).toEqual({
      createdAt: "2026-11-01T08:00:00.000Z",
      updatedAt: "2026-11-01T08:00:00.000Z",
    });

    const response = await emulator.handle(
      new Request("http://127.0.0.1/__emulator/clock", {
        method: "POST",
        body: JSON.stringify({ advanceMs: 90_000 }),
      }),
    );
    expect(await response.json()).toEqual({
      now: "2026-11-01T08:01:30.000Z",
      frozen: true,
    });
    await api()(UPDATE, {
      product: { id: product.id, title: "Clocked coat, later" },
    });
    expect((await read()).updatedAt).toBe("2026-11-01T08:01:30.000Z");
    expect(() => emulator.clock.advance(-1)).toThrow(RangeError);
    emulator.clock.unfreeze();
  });
});

describe("shop locales", () => {
  it("answers every enabled locale by default and only published ones with published: true", async () => {
    const { data } = await api()(
      `{ all: shopLocales { locale primary published } published: shopLocales(published: true) { locale } }`,
    );
    expect(data.all).toEqual([
      { locale: "en", primary: true, published: true },
      { locale: "fr", primary: false, published: true },
    ]);
    expect(data.published).toHaveLength(2);
  });
});
