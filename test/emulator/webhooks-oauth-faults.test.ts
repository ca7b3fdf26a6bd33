import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { createInterface } from "node:readline";
import {
  API_KEY,
  API_SECRET_KEY,
  getJwt,
} from "@shopify/shopify-api/test-helpers";
import { describe, expect, it } from "vitest";
import { verifySessionToken } from "../../emulator/oauth";
import { buildCatalogue } from "../../emulator/seed/catalogue";
import { startEmulatorServer } from "../../emulator/server";
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

describe("OAuth token exchange and refresh", () => {
  const emulator = testEmulator();
  emulator.addShop("oauth-shop.myshopify.com");
  const exchange = async (body: Record<string, string>) =>
    emulator.handle(
      new Request("https://oauth-shop.myshopify.com/admin/oauth/access_token", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      }),
    );

  it("exchanges a session token for an expiring offline token, then refreshes it with rotation", async () => {
    const { token } = await getJwt("oauth-shop", API_KEY, API_SECRET_KEY);
    const response = await exchange({
      client_id: API_KEY,
      client_secret: API_SECRET_KEY,
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: token,
      subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
      requested_token_type:
        "urn:shopify:params:oauth:token-type:offline-access-token",
      expiring: "1",
    });
    const offline = (await response.json()) as {
      access_token: string;
      expires_in: number;
      refresh_token: string;
    };
    expect(offline).toMatchObject({
      expires_in: 3600,
      access_token: expect.stringMatching(/^shpat_/),
      refresh_token: expect.stringMatching(/^shprt_/),
    });
    expect(
      (
        await adminApi(
          emulator,
          "oauth-shop.myshopify.com",
          offline.access_token,
        )(`{ shop { name } }`)
      ).status,
    ).toBe(200);

    const refreshed = (await (
      await exchange({
        client_id: API_KEY,
        client_secret: API_SECRET_KEY,
        grant_type: "refresh_token",
        refresh_token: offline.refresh_token,
      })
    ).json()) as {
      access_token: string;
    };
    expect(refreshed.access_token).not.toBe(offline.access_token);
    expect(
      (
        await adminApi(
          emulator,
          "oauth-shop.myshopify.com",
          offline.access_token,
        )(`{ shop { name } }`)
      ).status,
    ).toBe(401);
    const reused = await exchange({
      client_id: API_KEY,
      client_secret: API_SECRET_KEY,
      grant_type: "refresh_token",
      refresh_token: offline.refresh_token,
    });
    expect(reused.status).toBe(400);
  });

  it("refuses a session token signed with another secret, and wrong client credentials", async () => {
    const { token } = await getJwt("oauth-shop", API_KEY, "someone-else");
    const forged = await exchange({
      client_id: API_KEY,
      client_secret: API_SECRET_KEY,
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: token,
    });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({
      error: "invalid_subject_token",
    });
    expect(
      (
        await exchange({
          client_id: API_KEY,
          client_secret: "wrong",
          grant_type: "refresh_token",
        })
      ).status,
    ).toBe(401);
  });
});

describe("fault injection", () => {
  const emulator = testEmulator({ seed: 7 });
  emulator.addShop("faulty.myshopify.com");
  const api = adminApi(emulator, "faulty.myshopify.com");

  it("answers the next N requests THROTTLED", async () => {
    emulator.setFaults("faulty.myshopify.com", { throttleNext: 2 });
    const codes = [];
    for (let i = 0; i < 3; i++)
      codes.push(
        (await api(`{ shop { name } }`)).errors?.[0]?.extensions?.code ?? "OK",
      );
    expect(codes).toEqual(["THROTTLED", "THROTTLED", "OK"]);
  });

  it("answers a share of requests with HTTP 5xx", async () => {
    emulator.setFaults("faulty.myshopify.com", { serverErrorRate: 0.5 });
    const statuses = [];
    for (let i = 0; i < 40; i++)
      statuses.push((await api(`{ shop { name } }`)).status);
    const failures = statuses.filter((s) => s >= 500).length;
    expect(failures).toBeGreaterThan(8);
    expect(failures).toBeLessThan(32);
  });

  it("adds latency", async () => {
    emulator.setFaults("faulty.myshopify.com", { latencyMs: 120 });
    const started = performance.now();
    await api(`{ shop { name } }`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it("answers chosen mutations with userErrors, a given number of times", async () => {
    emulator.setFaults("faulty.myshopify.com", {
      userErrors: {
        productCreate: {
          errors: [{ field: ["title"], message: "Injected" }],
          times: 1,
        },
      },
    });
    const first = await api(PRODUCT_CREATE, { product: { title: "Coat" } });
    const second = await api(PRODUCT_CREATE, { product: { title: "Coat" } });
    expect(first.data.productCreate).toEqual({
      product: null,
      userErrors: [{ message: "Injected" }],
    });
    expect(second.data.productCreate.userErrors).toEqual([]);
  });
});

describe("the emulator over HTTP", () => {
  it("routes by X-Forwarded-Host or Host", async () => {
    const emulator = testEmulator();
    emulator.addShop("http-shop.myshopify.com");
    const token = emulator.issueAccessToken("http-shop.myshopify.com");
    const { url, close } = await startEmulatorServer(emulator);
    try {
      const response = await fetch(`${url}/admin/api/2026-10/graphql.json`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-Shopify-Access-Token": token,
          "X-Forwarded-Host": "http-shop.myshopify.com",
        },
        body: JSON.stringify({ query: "{ shop { myshopifyDomain } }" }),
      });
      expect(await response.json()).toMatchObject({
        data: { shop: { myshopifyDomain: "http-shop.myshopify.com" } },
      });
    } finally {
      await close();
    }
  });

  it("npm run emulator seeds the demo shop, accepts EMULATOR_ADMIN_TOKEN and prints where it listens", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "emulator/main.ts"],
      {
        env: {
          ...process.env,
          EMULATOR_PORT: "0",
          EMULATOR_ADMIN_TOKEN: "shpat_demo_token",
          EMULATOR_SEED_FACTOR: "0.05",
        },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).on("line", (line) => {
          const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
          if (match) resolve(match[1]!);
        });
        child.on("exit", (code) =>
          reject(new Error(`emulator exited with ${code}`)),
        );
      });
      const response = await fetch(`${url}/admin/api/2026-10/graphql.json`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-Shopify-Access-Token": "shpat_demo_token",
          Host: "vitrine-demo.myshopify.com",
          "X-Forwarded-Host": "vitrine-demo.myshopify.com",
        },
        body: JSON.stringify({ query: "{ productsCount { count } }" }),
      });
      expect(await response.json()).toMatchObject({
        data: { productsCount: { count: buildCatalogue(0.05).length } },
      });
    } finally {
      child.kill("SIGTERM");
    }
  });
});

describe("the admin stand-ins for opening the app in a plain browser", () => {
  const emulator = testEmulator({ appUrl: "http://localhost:3000" });
  emulator.addShop("browser.myshopify.com");

  it("mints session tokens the app's secret verifies, for the shop asked", async () => {
    const response = await emulator.handle(
      new Request(
        "http://127.0.0.1:8787/__emulator/session-token?shop=browser.myshopify.com",
      ),
    );
    const { token } = (await response.json()) as { token: string };
    expect(verifySessionToken(token, API_SECRET_KEY)).toMatchObject({
      dest: "https://browser.myshopify.com",
      aud: API_KEY,
    });
  });

  it("opens the app as the admin would: embedded, with shop, host and a session token", async () => {
    const response = await emulator.handle(
      new Request(
        "http://127.0.0.1:8787/__emulator/admin?shop=browser.myshopify.com",
      ),
    );
    const location = new URL(response.headers.get("location")!);
    expect(response.status).toBe(302);
    expect(`${location.origin}${location.pathname}`).toBe(
      "http://localhost:3000/app",
    );
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      embedded: "1",
      shop: "browser.myshopify.com",
      host: expect.any(String),
    });
    expect(
      verifySessionToken(
        location.searchParams.get("id_token")!,
        API_SECRET_KEY,
      ),
    ).not.toBeNull();
  });

  it("serves an App Bridge stand-in that adds the session token to the app's own requests", async () => {
    const script = await (
      await emulator.handle(
        new Request("http://127.0.0.1:8787/shopifycloud/app-bridge.js"),
      )
    ).text();
    expect(script).toContain("http://127.0.0.1:8787/__emulator/session-token");
    expect(script).toContain('headers.set("Authorization", "Bearer "');
  });
});
