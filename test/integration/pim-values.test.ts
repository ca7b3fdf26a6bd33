// Attribute values as merchandisers edit them: validation with per-field errors, completeness per channel,
// approval with its outbox event, history with revert, the approved read for the sync engine, shop isolation.
import { beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { Invalid, NotFound } from "~/lib/errors";
import { approveAndPublish } from "~/pim/approval.server";
import { saveAttribute } from "~/pim/attributes.db.server";
import { approveProducts } from "~/pim/approval.db.server";
import { approvedValues } from "~/pim/approved-values.db.server";
import { recomputeCompleteness } from "~/pim/completeness.db.server";
import { revertChange, saveProductValues } from "~/pim/values.db.server";
import {
  OTHER,
  SHOP,
  completeness,
  dispatchJob,
  draftOf,
  invalidInputs,
  missingOn,
  productRow,
  approvedOf,
  saveFit,
  seasonAttribute,
  woolCoatInputs,
  seedValueShops,
  type ValueProduct,
} from "../support/pim-values";

let product: ValueProduct;
let foreign: ValueProduct;
beforeAll(async () => ({ product, foreign } = await seedValueShops()));

describe("saving values", () => {
  it("assigns the family by product type", async () => {
    const row = await db.product.findUniqueOrThrow({
      where: { id: product.id },
      include: { family: true },
    });
    expect(row.family?.name).toBe("Outerwear");
  });

  it("refuses invalid values with an error per field and writes nothing", async () => {
    const error = await saveProductValues(
      SHOP,
      product.id,
      invalidInputs(product.variants[0]!.id),
      "a",
    ).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Invalid);
    expect(Object.keys((error as Invalid).fieldErrors).sort()).toEqual(
      [
        "product.fit",
        "product.country_of_origin",
        `${product.variants[0]!.id}.garment_length`,
        "product.garment_length",
        "product.nope",
      ].sort(),
    );
    expect(
      await db.attributeValue.count({
        where: { productId: product.id },
      }),
    ).toBe(0);
  });

  it("saves valid values, records history and recomputes completeness per channel", async () => {
    const changeId = await saveProductValues(
      SHOP,
      product.id,
      woolCoatInputs,
      "merch@example.com",
    );

    expect(changeId).toEqual(expect.any(String));
    expect(
      await db.valueChange.count({
        where: { shop: SHOP, changeId: changeId! },
      }),
    ).toBe(4);
    // Outerwear: storefront needs material, care, fit → complete; Google and Meta also need gender, age group,
    // brand.
    expect(await completeness(product.id)).toEqual({
      SHOPIFY_STOREFRONT: 100,
      GOOGLE_MERCHANT: 25,
      MARKETPLACE: 40,
      META_CATALOG: 25,
    });
    expect(await missingOn(product.id, "GOOGLE_MERCHANT")).toEqual([
      { attribute: "gender" },
      { attribute: "age_group" },
      { attribute: "brand" },
    ]);
  });

  it("an attribute required by its own rules counts on every channel", async () => {
    await saveAttribute(SHOP, seasonAttribute(true));
    await recomputeCompleteness(SHOP, [product.id]);
    expect((await completeness(product.id)).SHOPIFY_STOREFRONT).toBe(75);

    await saveAttribute(SHOP, seasonAttribute(false));
    await recomputeCompleteness(SHOP, [product.id]);
    expect((await completeness(product.id)).SHOPIFY_STOREFRONT).toBe(100);
  });

  it("saving the same values again changes nothing", async () => {
    expect(await saveFit(product.id, "Regular", "a")).toBeNull();
  });
});

describe("approval and history", () => {
  it("approves: values become approved and a product.values-approved outbox row commits with it", async () => {
    const [approval] = await approveProducts(
      SHOP,
      [product.id],
      "lead@example.com",
    );

    expect(approval).toMatchObject({
      productId: product.id,
      version: 1,
    });
    const outbox = await db.outbox.findUniqueOrThrow({
      where: { id: approval!.outboxId },
    });
    expect(outbox).toMatchObject({
      shop: SHOP,
      topic: "product.values-approved",
      aggregateId: product.id,
      payload: { productId: product.id, version: 1 },
    });
    expect((await productRow(product.id)).pimStatus).toBe("APPROVED");
    expect(await approveProducts(SHOP, [product.id], "lead")).toEqual([]);
  });

  it("editing an approved product makes a pending change; the approved value stays what is published", async () => {
    await saveFit(product.id, "Slim");

    expect((await productRow(product.id)).pimStatus).toBe("PENDING");
    expect((await approvedOf(product.id)).product.fit).toBe("Regular");
  });

  it("reverts one field and a whole change", async () => {
    const changeId = (await saveProductValues(
      SHOP,
      product.id,
      [
        { attributeKey: "fit", input: "Oversized" },
        { attributeKey: "care_instructions", input: "Hand wash" },
      ],
      "merch",
    ))!;
    const fitChange = await db.valueChange.findFirstOrThrow({
      where: { shop: SHOP, changeId, before: '"Slim"' },
    });

    await revertChange(SHOP, { valueChangeId: fitChange.id }, "lead");
    const draft = (key: string) => draftOf(product.id, key);
    expect(await draft("fit")).toBe('"Slim"');
    expect(await draft("care_instructions")).toBe('"Hand wash"');

    await revertChange(SHOP, { changeId }, "lead");
    expect(await draft("care_instructions")).toBe('"Dry clean only"');
    const history = await db.valueChange.findMany({
      where: { shop: SHOP, productId: product.id, kind: "REVERT" },
    });
    expect(history).toHaveLength(3);
  });

  it("approving an incomplete product as the merchant does needs a reason, recorded with the approval", async () => {
    const incomplete = await db.productCompleteness.findMany({
      where: { shop: SHOP, productId: product.id, percent: { lt: 100 } },
    });
    expect(incomplete.length).toBeGreaterThan(0);
    const version = (await productRow(product.id)).approvedVersion;

    const refused = await approveAndPublish(SHOP, [product.id], "lead", {
      overrideReason: "   ",
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Invalid);
    expect((refused as Invalid).fieldErrors).toHaveProperty("overrideReason");
    expect((await productRow(product.id)).approvedVersion).toBe(version);

    const [approval] = await approveAndPublish(SHOP, [product.id], "lead", {
      overrideReason: "Size chart follows next week",
    });
    const recorded = await db.productApproval.findFirstOrThrow({
      where: {
        shop: SHOP,
        productId: product.id,
        version: approval!.version,
      },
    });
    expect(recorded).toMatchObject({
      actor: "lead",
      overrideReason: "Size chart follows next week",
    });
    expect(recorded.incomplete).toEqual(
      expect.arrayContaining(
        incomplete.map((c) => ({ channel: c.channel, percent: c.percent })),
      ),
    );
    const job = await dispatchJob(SHOP, approval!.outboxId);
    await job?.remove();
  });

  it("approveAndPublish hands the approval to the sync engine: its outbox row is relayed at once", async () => {
    await saveFit(product.id, "Relaxed");
    const [approval] = await approveAndPublish(SHOP, [product.id], "lead", {
      overrideReason: "Publishing the fit now",
    });

    const job = await dispatchJob(SHOP, approval!.outboxId);
    expect(job?.name).toBe("sync.dispatch");
    const row = await db.outbox.findUniqueOrThrow({
      where: { id: approval!.outboxId },
    });
    expect(row).toMatchObject({ topic: "product.values-approved", relays: 1 });
    expect(row.relayedAt).not.toBeNull();
    // Dispatched only once the sync engine opened its hops (no worker runs here).
    expect(row.dispatchedAt).toBeNull();
    await job!.remove();
  });
});

describe("approved values for the sync engine", () => {
  it("resolves the channel's own value over the every-channel one, in the default locale", async () => {
    await saveProductValues(
      SHOP,
      product.id,
      [
        { attributeKey: "brand", input: "Maison Vitrine" },
        { attributeKey: "brand", channel: "GOOGLE_MERCHANT", input: "Vitrine" },
        {
          attributeKey: "garment_length",
          variantId: product.variants[1]!.id,
          input: "95 cm",
        },
      ],
      "merch",
    );
    await approveProducts(SHOP, [product.id], "lead");

    const storefront = await approvedOf(product.id);
    const google = await approvedOf(product.id, "GOOGLE_MERCHANT");

    expect(storefront.product).toMatchObject({
      brand: "Maison Vitrine",
      material_composition: "100% wool",
    });
    expect(google.product.brand).toBe("Vitrine");
    const byGid = await approvedValues(SHOP, [product.shopifyId]);
    expect([...byGid.keys()]).toEqual([product.shopifyId]);
    expect(byGid.get(product.shopifyId)!.product).toEqual(storefront.product);
    expect(storefront.variants[product.variants[1]!.id]).toEqual({
      shopifyId: product.variants[1]!.shopifyId,
      values: { garment_length: { value: 95, unit: "CENTIMETERS" } },
    });
  });
});

describe("shop isolation", () => {
  it("never reads or writes another shop's product", async () => {
    await expect(saveFit(foreign.id, "Slim", "x")).rejects.toBeInstanceOf(
      NotFound,
    );
    await expect(
      approveProducts(SHOP, [foreign.id], "x"),
    ).rejects.toBeInstanceOf(NotFound);
    expect((await approvedValues(SHOP, [foreign.id])).size).toBe(0);
    const change = await db.valueChange.findFirstOrThrow({
      where: { shop: SHOP },
    });
    await expect(
      revertChange(OTHER, { changeId: change.changeId }, "x"),
    ).rejects.toBeInstanceOf(NotFound);
  });
});
