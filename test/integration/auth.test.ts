import { TEST_SHOP } from "@shopify/shopify-api/test-helpers";
import { describe, expect, it } from "vitest";
import { loader as appLoader } from "~/routes/app";
import { loader as dashboardLoader } from "~/routes/app._index";
import {
  BROWSER_USER_AGENT,
  embeddedDocumentRequest,
  embeddedFetchRequest,
  routeArgs,
  storeOfflineSession,
} from "../support/shopify";

async function thrownResponse(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
  throw new Error("expected the loader to throw a Response");
}

describe("embedded admin authentication", () => {
  it("serves the app layout to a signed admin document request of an installed shop", async () => {
    await storeOfflineSession(TEST_SHOP);
    const data = await appLoader(
      routeArgs(await embeddedDocumentRequest("/app", TEST_SHOP)),
    );
    expect(data).toMatchObject({ apiKey: "testApiKey", locale: "en" });
  });

  it("answers an App Bridge fetch with a valid session token", async () => {
    await storeOfflineSession(TEST_SHOP);
    const data = await dashboardLoader(
      routeArgs(await embeddedFetchRequest("/app", TEST_SHOP)),
    );
    expect(data).toEqual({ shop: TEST_SHOP, shopName: TEST_SHOP });
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
    await storeOfflineSession(TEST_SHOP);
    const request = await embeddedDocumentRequest("/app", TEST_SHOP, {
      headers: { "User-Agent": "node" },
    });
    const response = await thrownResponse(appLoader(routeArgs(request)));
    expect(response.status).toBe(410);
  });
});
