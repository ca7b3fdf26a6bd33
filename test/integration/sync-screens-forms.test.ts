// What the sync screens' forms are fed (issue #11): staff names in the audit trail, validation messages on the
// asset page, and a change made in Shopify accepted or reverted from the product page. Scoped to its shop.
import { beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { action as assetAction } from "~/routes/app.assets.$id";
import { action as driftAction } from "~/routes/app.products.$id.drift";
import { openDrift, recordDrift } from "~/sync/drift.db.server";
import { staffNames } from "~/shop/staff.db.server";
import {
  coatPackshot as packshot,
  createAsset,
} from "../support/factories/asset";
import { buildProduct } from "../support/factories/product";
import { embeddedFetchRequest, storeOfflineSession } from "../support/shopify";

const SHOP = "screens-a.myshopify.com";
const OTHER = "screens-b.myshopify.com";

beforeAll(async () => {
  await storeOfflineSession(SHOP);
  await storeOfflineSession(OTHER);
  await buildProduct(OTHER, 90);
});

describe("staff names in the audit trail", () => {
  it("names a user from their online session, and keeps the id when there is none", async () => {
    await db.session.create({
      data: {
        id: `${SHOP}_42`,
        shop: SHOP,
        state: "s",
        isOnline: true,
        accessToken: "online-token",
        userId: 42n,
        firstName: "Ada",
        lastName: "Lovelace",
      },
    });
    expect(await staffNames(SHOP, ["user:42", "user:7", "system"])).toEqual({
      "user:42": "Ada Lovelace",
      "user:7": "user:7",
      system: "system",
    });
    expect(await staffNames(OTHER, ["user:42"])).toEqual({
      "user:42": "user:42",
    });
  });
});

describe("validation messages on the asset page's forms", () => {
  it("reads like a sentence the merchant can act on", async () => {
    const asset = await createAsset(SHOP, "coat-8.jpg", await packshot(8));
    const post = async (fields: Record<string, string>) => {
      const response = await assetAction({
        request: await embeddedFetchRequest(
          `/app/assets/${asset.assetId}`,
          SHOP,
          {
            method: "POST",
            body: new URLSearchParams(fields),
          },
        ),
        params: { id: asset.assetId },
        context: {},
      });
      return {
        status: response.status,
        body: (await response.json()) as { fieldErrors: unknown },
      };
    };
    expect(
      await post({ intent: "details", title: " ", validFrom: "soon" }),
    ).toEqual({
      status: 400,
      body: expect.objectContaining({
        fieldErrors: {
          title: ["Enter a title."],
          validFrom: ["Enter a date, like 2026-12-31."],
        },
      }),
    });
    expect(
      (await post({ intent: "alt-text", locale: "en", text: "x".repeat(600) }))
        .body.fieldErrors,
    ).toEqual({
      text: ["Keep alt text to 512 characters or fewer (Shopify's limit)."],
    });
    expect(
      (await post({ intent: "add-tag", tag: "" })).body.fieldErrors,
    ).toEqual({
      tag: ["Enter a tag."],
    });
  });
});

describe("changed in Shopify: accept or revert from the product page", () => {
  it("restores Vitrine's value once, and only for the shop's own drift", async () => {
    const product = await buildProduct(SHOP, 9);
    await recordDrift(SHOP, product.id, "SHOPIFY_STOREFRONT", [
      {
        kind: "METAFIELD_EDITED",
        detail: {
          owner: product.shopifyId,
          key: "material",
          ours: "Wool",
          theirs: "Cotton",
        },
      },
    ]);
    const [drift] = await openDrift(SHOP, product.id);
    const post = async (shop: string) => {
      const response = await driftAction({
        request: await embeddedFetchRequest(
          `/app/products/${product.id}/drift`,
          shop,
          {
            method: "POST",
            body: new URLSearchParams({ intent: "revert", driftId: drift!.id }),
          },
        ),
        params: { id: product.id },
        context: {},
      });
      return {
        status: response.status,
        body: (await response.json()) as { message?: string },
      };
    };
    expect((await post(OTHER)).status).toBe(404);
    expect(await post(SHOP)).toMatchObject({ status: 200, body: { ok: true } });
    expect(await openDrift(SHOP, product.id)).toEqual([]);
    expect(await post(SHOP)).toEqual({
      status: 404,
      body: expect.objectContaining({
        message: "This change was already resolved.",
      }),
    });
  });
});
