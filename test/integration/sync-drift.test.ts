// The reconciler reads the channels back and repairs what changed there — a media item deleted or a variant image
// swapped in the Shopify admin, a feed row gone, a lost file creation — or, where the PIM owns the data (an app
// metafield edited in Shopify), records drift for the merchant to accept or revert. Each is found within one sweep.
import { describe, expect, it } from "vitest";
import db from "~/db.server";
import { approveProducts } from "~/pim/approval.db.server";
import { saveProductValues } from "~/pim/values.db.server";
import { acceptDrift, revertDrift } from "~/sync/drift-resolution.server";
import { openDrift } from "~/sync/drift.db.server";
import { unlink } from "~/sync/links.db.server";
import { deleteOrphanFiles } from "~/sync/reconciler.server";
import { adminClientFor } from "~/shopify/admin-client.server";
import {
  DEMO_SHOP,
  confirmed,
  numeric,
  useDriftShop,
} from "../support/sync-drift";
import { eventually } from "../support/wait";

const stage = useDriftShop();
const { emulator, state, sweep, repairedOnce, storefront, setAppMetafield } =
  stage;

describe("reading the channels back", () => {
  it("creates one file per image even when Shopify's answer to a creation was lost", () => {
    const files = [...emulator.shop(DEMO_SHOP).files.values()].filter((f) =>
      f.filename.startsWith("vitrine-"),
    );
    expect(files.map((f) => f.id).sort()).toEqual(
      [stage.front.fileGid, stage.detail.fileGid].sort(),
    );
  });

  it("puts back a media item deleted in the Shopify admin within one sweep", async () => {
    const answer = await stage.merchant(
      `mutation($files: [FileUpdateInput!]!) { fileUpdate(files: $files) { userErrors { message } } }`,
      {
        files: [
          { id: stage.detail.fileGid, referencesToRemove: [stage.product.gid] },
        ],
      },
    );
    expect(answer.data).toBeDefined();
    expect((await storefront()).media.map((m) => m.id)).not.toContain(
      numeric(stage.detail.fileGid),
    );
    await repairedOnce("the media item repaired");
    expect((await storefront()).media.map((m) => m.id)).toContain(
      numeric(stage.detail.fileGid),
    );
  });

  it("puts a variant's image back when it was swapped in the Shopify admin", async () => {
    const variant = stage.variants[1]!;
    await stage.merchant(
      `mutation($productId: ID!, $variantMedia: [ProductVariantDetachMediaInput!]!) {
        productVariantDetachMedia(productId: $productId, variantMedia: $variantMedia) { userErrors { message } } }`,
      {
        productId: stage.product.gid,
        variantMedia: [
          { variantId: variant.shopifyId, mediaIds: [stage.front.fileGid] },
        ],
      },
    );
    await stage.merchant(
      `mutation($productId: ID!, $variantMedia: [ProductVariantAppendMediaInput!]!) {
        productVariantAppendMedia(productId: $productId, variantMedia: $variantMedia) { userErrors { message } } }`,
      {
        productId: stage.product.gid,
        variantMedia: [
          { variantId: variant.shopifyId, mediaIds: [stage.detail.fileGid] },
        ],
      },
    );
    await repairedOnce("the variant image repaired");
    const shown = (await storefront()).variants.find(
      (v) => v.id === numeric(variant.shopifyId),
    )!;
    expect(shown.featured_image?.id).toBe(numeric(stage.front.fileGid));
  });

  it("restores a feed row that went missing", async () => {
    const googleState = () =>
      db.syncState.findUniqueOrThrow({
        where: {
          shop_productId_channel: {
            shop: DEMO_SHOP,
            productId: stage.product.id,
            channel: "GOOGLE_MERCHANT",
          },
        },
      });
    const rows = await db.feedItem.count({
      where: { productId: stage.product.id },
    });
    await db.feedItem.deleteMany({
      where: { productId: stage.product.id, variantId: stage.variants[0]!.id },
    });
    await sweep();
    await eventually(
      () => db.feedItem.count({ where: { productId: stage.product.id } }),
      (count) => count === rows,
      { what: "the feed row back" },
    );
    await eventually(googleState, confirmed, { what: "google confirmed" });
    expect(
      await db.syncHop.count({
        where: {
          productId: stage.product.id,
          channel: "GOOGLE_MERCHANT",
          kind: "REPAIR",
        },
      }),
    ).toBe(1);
  });

  it("takes an unlinked image off the variant and deletes the emptied gallery", async () => {
    const link = await db.assetLink.findFirstOrThrow({
      where: { assetId: stage.detail.assetId, productId: stage.product.id },
    });
    await unlink(DEMO_SHOP, [link.id]);
    const change = await db.outbox.findFirstOrThrow({
      where: { aggregateId: stage.product.id, topic: "asset-link.changed" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    await eventually(
      () =>
        db.syncHop.findMany({
          where: { outboxId: change.id, channel: "SHOPIFY_STOREFRONT" },
        }),
      (hops) => hops.length === 1 && hops[0]!.outcome === "LIVE",
      { what: "unlink live" },
    );
    const view = await storefront();
    expect(view.media.map((m) => m.id)).not.toContain(
      numeric(stage.detail.fileGid),
    );
    const first = view.variants.find(
      (v) => v.id === numeric(stage.variants[0]!.shopifyId),
    )!;
    expect(first.featured_image?.id).toBe(numeric(stage.front.fileGid));
    const gallery = Object.values(first.metafields)[0]?.gallery as unknown[];
    expect(gallery).toHaveLength(1);
  });

  it("deletes the files it created that nothing shows any more", async () => {
    const client = await adminClientFor(DEMO_SHOP);
    // Too young: a creation may still be recording.
    expect(await deleteOrphanFiles(DEMO_SHOP, client)).toEqual([]);
    const later = new Date(Date.now() + 11 * 60_000);
    expect(await deleteOrphanFiles(DEMO_SHOP, client, later)).toEqual([
      stage.detail.fileGid,
    ]);
    expect(emulator.shop(DEMO_SHOP).files.has(stage.detail.fileGid)).toBe(
      false,
    );
    expect(emulator.shop(DEMO_SHOP).files.has(stage.front.fileGid)).toBe(true);
  });
});

describe("drift in the PIM's data", () => {
  const materialOnShopify = async () =>
    Object.values((await storefront()).metafields)[0]?.material_composition;

  it("records a value edited in the Shopify admin as drift instead of overwriting it, and reverts it on request", async () => {
    await saveProductValues(
      DEMO_SHOP,
      stage.product.id,
      [{ attributeKey: "material_composition", input: "100% wool" }],
      "merch",
    );
    await approveProducts(DEMO_SHOP, [stage.product.id], "lead");
    await eventually(
      () =>
        db.syncHop.findMany({
          where: {
            productId: stage.product.id,
            channel: "SHOPIFY_STOREFRONT",
            kind: "VALUES",
          },
        }),
      (hops) => hops.length === 1 && hops[0]!.outcome === "LIVE",
      { what: "values live" },
    );
    expect(await materialOnShopify()).toBe("100% wool");

    await setAppMetafield("material_composition", "wool blend");
    await sweep();
    const drifted = await eventually(state, (s) => s?.status === "DRIFT", {
      what: "drift recorded",
    });
    expect(drifted!.reason).toMatch(/changed in Shopify/);
    expect(await materialOnShopify()).toBe("wool blend");
    const [drift] = await openDrift(DEMO_SHOP, stage.product.id);
    expect(drift).toMatchObject({
      key: "material_composition",
      ours: "100% wool",
      theirs: "wool blend",
    });

    await revertDrift(DEMO_SHOP, drift!.id);
    await eventually(state, confirmed, { what: "reverted" });
    expect(await materialOnShopify()).toBe("100% wool");
    expect(await openDrift(DEMO_SHOP, stage.product.id)).toEqual([]);
  });

  it("accepts Shopify's value into the PIM when the merchant agrees with it", async () => {
    await setAppMetafield("material_composition", "90% wool, 10% silk");
    await sweep();
    await eventually(state, (s) => s?.status === "DRIFT", {
      what: "drift recorded",
    });
    const [drift] = await openDrift(DEMO_SHOP, stage.product.id);
    await acceptDrift(DEMO_SHOP, drift!.id, "lead");
    await eventually(state, confirmed, { what: "accepted" });
    const value = await db.attributeValue.findFirstOrThrow({
      where: {
        productId: stage.product.id,
        attribute: { key: "material_composition" },
      },
    });
    expect(JSON.parse(value.approved!)).toBe("90% wool, 10% silk");
    expect(await materialOnShopify()).toBe("90% wool, 10% silk");
  });
});
