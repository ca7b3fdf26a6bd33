import {
  API_KEY,
  API_SECRET_KEY,
  getJwt,
} from "@shopify/shopify-api/test-helpers";
import { describe, expect, it } from "vitest";
import { adminApi, testEmulator } from "../../emulator/testing";

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
