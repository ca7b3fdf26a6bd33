import { afterEach, describe, expect, it } from "vitest";
import { LeakyBucket } from "../../emulator/cost";
import { seedShop } from "../../emulator/seed/seed";
import { adminApi, testEmulator } from "../../emulator/testing";

const SHOP = "costs.myshopify.com";
const emulator = testEmulator();
afterEach(() => emulator.setFaults(SHOP, {}));

describe("documents are checked against the real Admin API 2026-10 schema", () => {
  emulator.addShop(SHOP);
  const api = adminApi(emulator, SHOP);

  it("answers an invalid document with HTTP 200, errors and no data", async () => {
    const answer = await api(`{ products(first: 1) { nodes { id colour } } }`);
    expect(answer.status).toBe(200);
    expect(answer.data).toBeUndefined();
    expect(answer.errors![0]!.message).toMatch(
      /Cannot query field "colour" on type "Product"/,
    );
  });

  it("answers a syntax error the same way", async () => {
    const answer = await api(`{ products(first: 1) { nodes { id }`);
    expect(answer.status).toBe(200);
    expect(answer.data).toBeUndefined();
    expect(answer.errors![0]!.message).toMatch(/Syntax Error/);
  });

  it("fails loudly, and records it, when a valid query touches a field the emulator does not implement", async () => {
    const answer = await api(`{ shop { name billingAddress { city } } }`);
    expect(answer.errors![0]).toMatchObject({
      extensions: { code: "EMULATOR_NOT_IMPLEMENTED" },
    });
    expect(emulator.unimplemented.has("Shop.billingAddress")).toBe(true);
  });

  it("refuses an unknown or expired access token with 401", async () => {
    const expired = emulator.issueAccessToken(SHOP, { expiresIn: -1 });
    expect(
      (await adminApi(emulator, SHOP, "shpat_nope")(`{ shop { name } }`))
        .status,
    ).toBe(401);
    expect(
      (await adminApi(emulator, SHOP, expired)(`{ shop { name } }`)).status,
    ).toBe(401);
  });

  it("refuses an input array over 250 items", async () => {
    const ids = Array.from(
      { length: 251 },
      (_, i) => `gid://shopify/Product/${i + 1}`,
    );
    const answer = await api(
      `query Nodes($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
      { ids },
    );
    expect(answer.errors![0]).toMatchObject({
      message:
        "The input array size of 251 is greater than the maximum allowed of 250.",
      extensions: { code: "MAX_INPUT_SIZE_EXCEEDED" },
    });
  });

  it("requires first or last on connections, at most 250", async () => {
    expect(
      (await api(`{ products { nodes { id } } }`)).errors![0]!.message,
    ).toMatch(/first or last/);
    expect(
      (await api(`{ products(first: 251) { nodes { id } } }`)).errors![0]!
        .message,
    ).toMatch(/between 0 and 250/);
  });
});

describe("query costs", () => {
  emulator.addShop("priced.myshopify.com");
  const api = adminApi(emulator, "priced.myshopify.com");

  it.each([
    ["a scalar on an object", 1, `{ shop { name } }`],
    [
      "a connection of 10: 2 + 10 nodes",
      12,
      `{ products(first: 10) { nodes { id title } } }`,
    ],
    [
      "a nested object per node",
      22,
      `{ products(first: 10) { edges { node { id category { name } } } } }`,
    ],
    [
      "a nested connection, multiplied",
      2 + 5 * (1 + 12),
      `{ products(first: 5) { nodes { id variants(first: 10) { nodes { sku } } } } }`,
    ],
    [
      "a mutation",
      10,
      `mutation { fileDelete(fileIds: []) { deletedFileIds } }`,
    ],
  ])("%s costs %i", async (_label, expected, query) => {
    const answer = await api(query);
    expect(answer.extensions!.cost.requestedQueryCost).toBe(expected);
  });

  it("prices productUpdate with media at 10 + 1.9 per media (dynamic complexity)", async () => {
    const media = Array.from({ length: 4 }, () => ({
      originalSource: "https://example.com/a.jpg",
      mediaContentType: "IMAGE",
    }));
    const answer = await api(
      `mutation Update($product: ProductUpdateInput!, $media: [CreateMediaInput!]) { productUpdate(product: $product, media: $media) { userErrors { message } } }`,
      { product: { id: "gid://shopify/Product/1" }, media },
    );
    expect(answer.extensions!.cost.requestedQueryCost).toBe(
      Math.ceil(10 + 1.9 * 4),
    );
  });

  it("charges the actual cost and refunds the rest: 3 products returned of 50 requested", async () => {
    await seedShop(emulator, "priced-small.myshopify.com", {
      factor: 0.02,
      images: false,
    });
    const small = adminApi(emulator, "priced-small.myshopify.com");
    const answer = await small(`{ products(first: 50) { nodes { id } } }`);
    const { requestedQueryCost, actualQueryCost, throttleStatus } =
      answer.extensions!.cost;
    const count = (answer.data as { products: { nodes: unknown[] } }).products
      .nodes.length;
    expect(requestedQueryCost).toBe(52);
    expect(actualQueryCost).toBe(2 + count);
    expect(
      throttleStatus.maximumAvailable - throttleStatus.currentlyAvailable,
    ).toBeLessThanOrEqual(actualQueryCost! + 1);
  });

  it("refuses a single query over 1000 points with MAX_COST_EXCEEDED", async () => {
    const answer = await api(
      `{ products(first: 250) { nodes { variants(first: 250) { nodes { id } } } } }`,
    );
    expect(answer.data).toBeUndefined();
    expect(answer.errors![0]).toMatchObject({
      extensions: { code: "MAX_COST_EXCEEDED", maxCost: 1000 },
    });
  });
});

describe("throttling", () => {
  it("reports throttleStatus on every answer, answers THROTTLED (HTTP 200) when the bucket is short, and refills", async () => {
    const small = testEmulator({
      throttle: { maximumAvailable: 30, restoreRate: 10 },
    });
    small.addShop("bucket.myshopify.com");
    const api = adminApi(small, "bucket.myshopify.com");
    const mutation = `mutation { fileDelete(fileIds: []) { deletedFileIds } }`; // 10 points, no refund

    const started = performance.now();
    const answers = [
      await api(mutation),
      await api(mutation),
      await api(mutation),
    ];
    const fourth = await api(mutation);
    // The bucket refills on real time (1 point per 100 ms): on a busy machine the calls may be far enough apart
    // for a point or two to come back between them, never more than the time taken allows.
    const refilled = Math.floor(((performance.now() - started) / 1000) * 10);
    answers.forEach((answer, i) => {
      const left = answer.extensions!.cost.throttleStatus.currentlyAvailable;
      expect(left).toBeGreaterThanOrEqual(20 - 10 * i);
      expect(left).toBeLessThanOrEqual(20 - 10 * i + refilled);
    });
    expect(answers.every((a) => a.errors === undefined)).toBe(true);
    expect(fourth.status).toBe(200);
    expect(fourth.data).toBeUndefined();
    expect(fourth.errors![0]).toMatchObject({
      message: "Throttled",
      extensions: { code: "THROTTLED" },
    });
    expect(fourth.extensions!.cost).toMatchObject({
      requestedQueryCost: 10,
      actualQueryCost: null,
    });

    await new Promise((resolve) => setTimeout(resolve, 1100)); // 11 points restored at 10/s
    expect((await api(mutation)).errors).toBeUndefined();
  });

  it("refills a leaky bucket at its restore rate up to its size", () => {
    let now = 0;
    const bucket = new LeakyBucket(2000, 100, () => now);
    expect(bucket.take(1500)).toBe(true);
    expect(bucket.take(600)).toBe(false);
    now = 1000;
    expect(bucket.status().currentlyAvailable).toBe(600);
    now = 60_000;
    expect(bucket.status().currentlyAvailable).toBe(2000);
  });
});
