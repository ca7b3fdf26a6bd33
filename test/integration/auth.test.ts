import { TEST_SHOP } from "@shopify/shopify-api/test-helpers";
import { beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { getQueue } from "~/jobs/queues.server";
import { loader as appLoader } from "~/routes/app";
import { loader as dashboardLoader } from "~/routes/app._index";
import { startWorkers } from "~/worker/run.server";
import { connectAppTo } from "../support/app-emulator";
import { testEmulator } from "../../emulator/testing";
import {
  BROWSER_USER_AGENT,
  embeddedDocumentRequest,
  embeddedFetchRequest,
  routeArgs,
} from "../support/shopify";

const emulator = testEmulator();
emulator.addShop(TEST_SHOP, {
  name: "Atelier Test",
  currencyCode: "GBP",
  locales: [
    { locale: "en", primary: true, published: true },
    { locale: "de", primary: false, published: true },
    { locale: "it", primary: false, published: false },
  ],
});

beforeAll(() => connectAppTo(emulator));

async function thrownResponse(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
  throw new Error("expected the loader to throw a Response");
}

async function runQueuedJobs(queue: "shopify") {
  const workers = startWorkers({ queues: [queue] });
  const pending = async () => {
    const counts = await getQueue(queue).getJobCounts(
      "waiting",
      "active",
      "delayed",
      "prioritized",
    );
    return Object.values(counts).reduce((sum, n) => sum + n, 0);
  };
  try {
    await expect.poll(pending, { timeout: 10_000 }).toBe(0);
    expect(await getQueue(queue).getJobCounts("failed")).toEqual({ failed: 0 });
  } finally {
    await workers.close();
  }
}

describe("embedded admin authentication against the store emulator", () => {
  it("exchanges the session token for an expiring offline token on the first load, and records the install", async () => {
    const data = await appLoader(
      routeArgs(await embeddedDocumentRequest("/app", TEST_SHOP)),
    );

    expect(data).toMatchObject({ apiKey: "testApiKey", locale: "en" });
    const session = await db.session.findUnique({
      where: { id: `offline_${TEST_SHOP}` },
    });
    expect(session).toMatchObject({
      shop: TEST_SHOP,
      isOnline: false,
      refreshToken: expect.stringMatching(/^shprt_/),
    });
    expect(session!.expires!.getTime()).toBeGreaterThan(
      Date.now() + 50 * 60_000,
    );
    expect(
      await db.shop.findUnique({ where: { shop: TEST_SHOP } }),
    ).toMatchObject({ status: "INSTALLED" });
  });

  it("syncs the shop's name, currency and published locales in the worker, through the Admin API", async () => {
    await runQueuedJobs("shopify");
    expect(
      await db.shop.findUnique({ where: { shop: TEST_SHOP } }),
    ).toMatchObject({
      name: "Atelier Test",
      currencyCode: "GBP",
      primaryLocale: "en",
      locales: ["en", "de"],
      planName: "Shopify",
    });
  });

  it("refreshes an expired offline token before the worker calls the Admin API", async () => {
    const before = await db.session.update({
      where: { id: `offline_${TEST_SHOP}` },
      data: { expires: new Date(Date.now() - 1000) },
    });
    await db.shop.update({ where: { shop: TEST_SHOP }, data: { name: null } });
    const { enqueue } = await import("~/jobs/enqueue.server");
    await enqueue("shop.sync-details", { shop: TEST_SHOP });

    await runQueuedJobs("shopify");

    const after = await db.session.findUnique({
      where: { id: `offline_${TEST_SHOP}` },
    });
    expect(after!.accessToken).not.toBe(before.accessToken);
    expect(after!.refreshToken).not.toBe(before.refreshToken);
    expect(
      await db.shop.findUnique({ where: { shop: TEST_SHOP } }),
    ).toMatchObject({ name: "Atelier Test" });
  });

  it("answers an App Bridge fetch with a valid session token", async () => {
    const data = await dashboardLoader(
      routeArgs(await embeddedFetchRequest("/app", TEST_SHOP)),
    );
    expect(data).toMatchObject({ shop: TEST_SHOP, shopName: "Atelier Test" });
  });

  it("redirects a document request without a session token to the login page", async () => {
    const request = new Request("https://my-test-app.myshopify.io/app", {
      headers: { "User-Agent": BROWSER_USER_AGENT },
    });
    const response = await thrownResponse(appLoader(routeArgs(request)));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/\/auth\/login/);
  });

  it("rejects a fetch whose bearer token is not signed with the app secret", async () => {
    const request = new Request("https://my-test-app.myshopify.io/app", {
      headers: {
        "User-Agent": BROWSER_USER_AGENT,
        Authorization: "Bearer not-a-jwt",
      },
    });
    const response = await thrownResponse(dashboardLoader(routeArgs(request)));
    expect(response.status).toBe(401);
  });

  it("answers 410 Gone to a bot user agent, which is why tests send a browser one", async () => {
    const request = await embeddedDocumentRequest("/app", TEST_SHOP, {
      headers: { "User-Agent": "node" },
    });
    const response = await thrownResponse(appLoader(routeArgs(request)));
    expect(response.status).toBe(410);
  });
});
