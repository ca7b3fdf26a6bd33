import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP, seedShop } from "../../emulator/seed/seed";
import { stagedUpload } from "../../emulator/testing";
import { PUBLISH, RUN, STATUS, bulkShop } from "./bulk-fixtures";

const { emulator, api, deliveries, stageLines, runBulk, finished, results } =
  bulkShop();

let drafts: { id: string; handle: string }[];
let onlineStore: string;

beforeAll(async () => {
  await seedShop(emulator, DEMO_SHOP, { factor: 0.1, images: false });
  const { data } = await api()(
    `{ products(first: 250, query: "status:DRAFT") { nodes { id handle } } publications(first: 1) { nodes { id } } }`,
  );
  drafts = data.products.nodes;
  onlineStore = data.publications.nodes[0].id;
  expect(drafts.length).toBeGreaterThanOrEqual(4);
});

describe("bulkOperationRunMutation", () => {
  it("runs one mutation per JSONL line outside the cost budget, CREATED → RUNNING → COMPLETED, with per-line results", async () => {
    const started = await runBulk(
      PUBLISH,
      drafts.map((p) => ({
        id: p.id,
        input: [{ publicationId: onlineStore }],
      })),
    );
    expect(started.userErrors).toEqual([]);
    expect(started.bulkOperation).toMatchObject({
      status: "CREATED",
      type: "MUTATION",
    });
    const status = await runBulk(
      STATUS,
      drafts.map((p) => ({ product: { id: p.id, status: "ACTIVE" } })),
    );
    // The lines run outside the request budget: while they run, the bucket only refills.
    const before = emulator.bucket(DEMO_SHOP).status().currentlyAvailable;
    await emulator.idle();
    expect(
      emulator.bucket(DEMO_SHOP).status().currentlyAvailable,
    ).toBeGreaterThanOrEqual(before);
    const first = await finished(started.bulkOperation!.id);
    const second = await finished(status.bulkOperation!.id);
    expect(first).toMatchObject({
      status: "COMPLETED",
      type: "MUTATION",
      objectCount: String(drafts.length),
      partialDataUrl: null,
    });
    expect(second.completedAt).not.toBeNull();

    const lines = await results(second.url!);
    expect(lines.map((l) => l.__lineNumber)).toEqual(drafts.map((_, i) => i));
    expect(lines[0]).toEqual({
      data: {
        productUpdate: {
          product: { id: drafts[0]!.id, status: "ACTIVE" },
          userErrors: [],
        },
      },
      __lineNumber: 0,
    });
    for (const product of drafts) {
      const page = await emulator.handle(
        new Request(`https://${DEMO_SHOP}/products/${product.handle}.js`),
      );
      expect(page.status).toBe(200);
    }
    expect(
      deliveries
        .filter((d) => d.topic === "bulk_operations/finish")
        .map((d) => d.body.type),
    ).toEqual(["mutation", "mutation"]);
  });

  it("reports userErrors and invalid variables on their own lines and keeps going", async () => {
    const op = await runBulk(STATUS, [
      { product: { id: "gid://shopify/Product/1", status: "ACTIVE" } },
      { product: { id: drafts[0]!.id, status: "NOT_A_STATUS" } },
      { product: { id: drafts[1]!.id, status: "UNLISTED" } },
    ]);
    const done = await finished(op.bulkOperation!.id);
    const lines = await results(done.url!);
    expect(lines[0]!.data!.productUpdate!.userErrors).toEqual([
      { field: ["id"], message: "Product does not exist" },
    ]);
    expect(lines[1]).toMatchObject({
      __lineNumber: 1,
      errors: [
        expect.objectContaining({
          message: expect.stringContaining("NOT_A_STATUS"),
        }),
      ],
    });
    expect(lines[2]!.data!.productUpdate).toMatchObject({
      product: { status: "UNLISTED" },
      userErrors: [],
    });
  });

  it("fails chosen lines with the bulk fault so a retry can be tested, then runs them on the next operation", async () => {
    emulator.setFaults(DEMO_SHOP, {
      bulkMutation: {
        failIds: [drafts[2]!.id],
        message: "Internal error",
        times: 1,
      },
    });
    const op = await runBulk(STATUS, [
      { product: { id: drafts[2]!.id, status: "DRAFT" } },
      { product: { id: drafts[3]!.id, status: "DRAFT" } },
    ]);
    const lines = await results((await finished(op.bulkOperation!.id)).url!);
    expect(lines[0]!.data).toEqual({
      productUpdate: {
        product: null,
        userErrors: [{ field: null, message: "Internal error" }],
      },
    });
    expect(lines[1]!.data!.productUpdate).toMatchObject({
      product: { status: "DRAFT" },
    });

    const retry = await runBulk(STATUS, [
      { product: { id: drafts[2]!.id, status: "DRAFT" } },
    ]);
    const again = await results((await finished(retry.bulkOperation!.id)).url!);
    expect(again[0]!.data!.productUpdate).toMatchObject({
      product: { status: "DRAFT" },
      userErrors: [],
    });
    emulator.setFaults(DEMO_SHOP, {});
  });

  it("ends FAILED with a partialDataUrl when the operation stops part-way", async () => {
    emulator.setFaults(DEMO_SHOP, {
      bulkMutation: { stopAfterLines: 2, times: 1 },
    });
    const op = await runBulk(
      STATUS,
      drafts
        .slice(0, 4)
        .map((p) => ({ product: { id: p.id, status: "ACTIVE" } })),
    );
    const done = await finished(op.bulkOperation!.id);
    expect(done).toMatchObject({
      status: "FAILED",
      errorCode: "INTERNAL_SERVER_ERROR",
      url: null,
      objectCount: "2",
    });
    expect(await results(done.partialDataUrl!)).toHaveLength(2);
    emulator.setFaults(DEMO_SHOP, {});
  });

  it("runs productSet and metafieldsSet in bulk", async () => {
    const set = `mutation call($identifier: ProductSetIdentifiers, $input: ProductSetInput!) { productSet(identifier: $identifier, input: $input) { product { id title status tags } userErrors { field message code } } }`;
    const op = await runBulk(set, [
      {
        identifier: { id: drafts[0]!.id },
        input: { title: "AW26 Camel coat", status: "ACTIVE", tags: ["aw26"] },
      },
    ]);
    const lines = await results((await finished(op.bulkOperation!.id)).url!);
    expect(lines[0]!.data!.productSet).toEqual({
      product: {
        id: drafts[0]!.id,
        title: "AW26 Camel coat",
        status: "ACTIVE",
        tags: ["aw26"],
      },
      userErrors: [],
    });
    const metafields = `mutation call($metafields: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $metafields) { metafields { key value } userErrors { field message } } }`;
    const mf = await runBulk(metafields, [
      {
        metafields: [
          {
            ownerId: drafts[0]!.id,
            namespace: "$app:launch",
            key: "season",
            type: "single_line_text_field",
            value: "AW26",
          },
        ],
      },
    ]);
    const mfLines = await results((await finished(mf.bulkOperation!.id)).url!);
    expect(mfLines[0]!.data!.metafieldsSet).toEqual({
      metafields: [{ key: "season", value: "AW26" }],
      userErrors: [],
    });
  });

  it("refuses an invalid mutation, a missing or malformed variables file, and a sixth concurrent operation", async () => {
    const path = await stageLines([{ product: { id: drafts[0]!.id } }]);
    const bad = await api()(RUN, { mutation: "mutation { nope }", path });
    expect(bad.data.bulkOperationRunMutation.userErrors[0].code).toBe(
      "INVALID_MUTATION",
    );
    const two = await api()(RUN, {
      mutation: `mutation { a: productUpdate(product: {id: "x"}) { userErrors { message } } b: productUpdate(product: {id: "y"}) { userErrors { message } } }`,
      path,
    });
    expect(two.data.bulkOperationRunMutation.userErrors[0].code).toBe(
      "INVALID_MUTATION",
    );
    const missing = await api()(RUN, {
      mutation: STATUS,
      path: "tmp/1/bulk/none/vars.jsonl",
    });
    expect(missing.data.bulkOperationRunMutation.userErrors[0].code).toBe(
      "NO_SUCH_FILE",
    );
    const malformed = await stagedUpload(emulator, api(), {
      filename: "broken.jsonl",
      mimeType: "text/jsonl",
      bytes: Buffer.from('{"product":{}}\n{not json\n'),
      resource: "BULK_MUTATION_VARIABLES",
    });
    const invalid = await api()(RUN, {
      mutation: STATUS,
      path: new URL(malformed).pathname.slice(1),
    });
    expect(invalid.data.bulkOperationRunMutation.userErrors[0]).toMatchObject({
      code: "INVALID_STAGED_UPLOAD_FILE",
      message: expect.stringContaining("line 2"),
    });

    const running = [];
    for (let i = 0; i < 5; i++)
      running.push(await api()(RUN, { mutation: STATUS, path }));
    expect(
      running.every(
        (r) => r.data.bulkOperationRunMutation.userErrors.length === 0,
      ),
    ).toBe(true);
    const sixth = await api()(RUN, { mutation: STATUS, path });
    expect(sixth.data.bulkOperationRunMutation.userErrors[0].code).toBe(
      "LIMIT_REACHED",
    );
    await emulator.idle();
  });

  it("answers currentBulkOperation(type: MUTATION), filters bulkOperations by type and cancels a created operation", async () => {
    const op = await runBulk(STATUS, [
      { product: { id: drafts[0]!.id, status: "ACTIVE" } },
    ]);
    const cancel = await api()(
      `mutation C($id: ID!) { bulkOperationCancel(id: $id) { bulkOperation { status } userErrors { message } } }`,
      { id: op.bulkOperation!.id },
    );
    expect(cancel.data.bulkOperationCancel.bulkOperation.status).toBe(
      "CANCELING",
    );
    expect((await finished(op.bulkOperation!.id)).status).toBe("CANCELED");
    const { data } = await api()(
      `{ currentBulkOperation(type: MUTATION) { id status } bulkOperations(first: 50, query: "operation_type:QUERY") { nodes { id } } }`,
    );
    expect(data.currentBulkOperation).toEqual({
      id: op.bulkOperation!.id,
      status: "CANCELED",
    });
    expect(data.bulkOperations.nodes).toEqual([]);
  });
});
