import { createHmac } from "node:crypto";
import { API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import { describe, expect, it } from "vitest";
import { adminApi, testEmulator } from "../../emulator/testing";

const PRODUCT_CREATE = `mutation Create($product: ProductCreateInput!) { productCreate(product: $product) { product { id } userErrors { message } } }`;

describe("webhooks", () => {
  it("signs each delivery with the app secret and Shopify's headers", async () => {
    const received: Request[] = [];
    const emulator = testEmulator({
      webhooks: {
        appUrl: "https://app.example",
        subscriptions: [
          { topic: "products/create", uri: "/webhooks/products/create" },
        ],
        deliver: async (r) => (received.push(r), new Response(null)),
      },
    });
    emulator.addShop("hooks.myshopify.com");
    await adminApi(emulator, "hooks.myshopify.com")(PRODUCT_CREATE, {
      product: { title: "Camel coat" },
    });
    await emulator.idle();

    expect(received).toHaveLength(1);
    const request = received[0]!;
    const body = await request.text();
    expect(request.url).toBe("https://app.example/webhooks/products/create");
    expect(request.headers.get("x-shopify-topic")).toBe("products/create");
    expect(request.headers.get("x-shopify-shop-domain")).toBe(
      "hooks.myshopify.com",
    );
    expect(request.headers.get("x-shopify-api-version")).toBe("2026-10");
    expect(request.headers.get("x-shopify-webhook-id")).toMatch(
      /^[0-9a-f-]{36}$/,
    );
    expect(request.headers.get("x-shopify-hmac-sha256")).toBe(
      createHmac("sha256", API_SECRET_KEY).update(body).digest("base64"),
    );
    expect(JSON.parse(body)).toMatchObject({
      title: "Camel coat",
      admin_graphql_api_id: expect.stringMatching(/Product\/\d+$/),
    });
  });

  it("retries a failed delivery with backoff until the app answers 2xx", async () => {
    let calls = 0;
    const emulator = testEmulator({
      webhooks: {
        appUrl: "https://app.example",
        subscriptions: [
          { topic: "products/create", uri: "/webhooks/products/create" },
        ],
        retryDelaysMs: [10, 10, 10],
        deliver: async () =>
          new Response(null, { status: ++calls < 3 ? 500 : 200 }),
      },
    });
    emulator.addShop("retry.myshopify.com");
    await adminApi(emulator, "retry.myshopify.com")(PRODUCT_CREATE, {
      product: { title: "Scarf" },
    });
    await emulator.idle();
    expect(emulator.webhooks.deliveries).toEqual([
      expect.objectContaining({
        attempts: 3,
        status: "delivered",
        lastStatus: 200,
      }),
    ]);
  });

  it("can deliver every webhook twice with the same webhook id (duplicate fault)", async () => {
    const ids: string[] = [];
    const emulator = testEmulator({
      webhooks: {
        appUrl: "https://app.example",
        subscriptions: [{ topic: "products/create", uri: "/w" }],
        deliver: async (r) => (
          ids.push(r.headers.get("x-shopify-webhook-id")!),
          new Response(null)
        ),
      },
    });
    emulator.addShop("dupes.myshopify.com");
    emulator.setFaults("dupes.myshopify.com", { duplicateWebhooks: true });
    await adminApi(emulator, "dupes.myshopify.com")(PRODUCT_CREATE, {
      product: { title: "Belt" },
    });
    await emulator.idle();
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });
});
