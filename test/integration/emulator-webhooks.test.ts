// Webhooks as the store emulator sends them, received by the app's real routes: the signatures verify with
// authenticate.webhook, and a duplicated delivery still enqueues its job once.
import { APP_URL } from "@shopify/shopify-api/test-helpers";
import { describe, expect, it } from "vitest";
import db from "~/db.server";
import { getQueue } from "~/jobs/queues.server";
import { deliverToApp } from "../support/app-emulator";
import { adminApi, testEmulator } from "../../emulator/testing";

const SHOP = "emulated-hooks.myshopify.com";
const emulator = testEmulator({
  webhooks: { appUrl: APP_URL, deliver: deliverToApp },
});
emulator.addShop(SHOP);
const api = adminApi(emulator, SHOP);

const CREATE = `mutation Create($product: ProductCreateInput!) { productCreate(product: $product) { product { id } userErrors { message } } }`;
const UPDATE = `mutation Update($product: ProductUpdateInput!) { productUpdate(product: $product) { product { id } userErrors { message } } }`;

async function refreshJobs(productId: string) {
  const jobs = await getQueue("webhooks").getJobs([
    "waiting",
    "delayed",
    "active",
    "completed",
    "failed",
  ]);
  return jobs.filter(
    (job) =>
      job.name === "product.refresh" &&
      (job.data as { productId: string }).productId === productId,
  );
}

describe("webhooks from the store emulator", () => {
  it("are accepted by the app (HMAC verified) and enqueue the product refresh", async () => {
    const { data } = await api(CREATE, { product: { title: "Forest parka" } });
    const productId = data.productCreate.product.id as string;
    await emulator.idle();

    expect(
      emulator.webhooks.deliveries.filter((d) => d.topic === "products/create"),
    ).toEqual([
      expect.objectContaining({
        status: "delivered",
        lastStatus: 200,
        attempts: 1,
      }),
    ]);
    expect(
      await db.webhookEvent.count({
        where: { shop: SHOP, topic: "PRODUCTS_CREATE" },
      }),
    ).toBe(1);
    expect(await refreshJobs(productId)).toHaveLength(1);
  });

  it("send the app its own writes back (the echo it must recognise) and duplicates are enqueued once", async () => {
    emulator.setFaults(SHOP, { duplicateWebhooks: true });
    const { data } = await api(CREATE, { product: { title: "Rust beanie" } });
    const productId = data.productCreate.product.id as string;
    await api(UPDATE, { product: { id: productId, tags: ["AW26"] } });
    await emulator.idle();
    emulator.setFaults(SHOP, {});

    const updates = emulator.webhooks.deliveries.filter(
      (d) =>
        d.topic === "products/update" &&
        (d.payload as { admin_graphql_api_id: string }).admin_graphql_api_id ===
          productId,
    );
    expect(updates).toHaveLength(2);
    expect(updates[0]!.webhookId).toBe(updates[1]!.webhookId);
    expect(updates.every((d) => d.lastStatus === 200)).toBe(true);
    // products/create and one products/update: two jobs, however many deliveries.
    expect(await refreshJobs(productId)).toHaveLength(2);
  });
});
