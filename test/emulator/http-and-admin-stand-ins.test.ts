import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { API_KEY, API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import { describe, expect, it } from "vitest";
import { verifySessionToken } from "../../emulator/oauth";
import { buildCatalogue } from "../../emulator/seed/catalogue";
import { startEmulatorServer } from "../../emulator/server";
import { testEmulator } from "../../emulator/testing";

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
      // The report of what the shop's Admin API answered: the anonymous query, what it cost, the bucket now.
      const report = (await (
        await fetch(`${url}/__emulator/admin-api?shop=http-shop.myshopify.com`)
      ).json()) as {
        operations: Record<string, number>;
        pointsSpent: number;
        bucket: { currentlyAvailable: number; maximumAvailable: number };
      };
      expect(report.operations).toEqual({ "(anonymous)": 1 });
      expect(report.pointsSpent).toBeGreaterThan(0);
      expect(report.bucket.currentlyAvailable).toBeLessThanOrEqual(
        report.bucket.maximumAvailable,
      );
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
