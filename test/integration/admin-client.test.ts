// The throttle-aware Admin client against the emulator's leaky bucket: several clients of one shop (as several
// worker processes would be) share the bucket through Redis, wait at the restore rate instead of being
// throttled, and retry THROTTLED and 5xx answers.
import { afterAll, describe, expect, it } from "vitest";
import {
  BACKGROUND_FLOOR,
  closeShopBuckets,
  recordShopThrottle,
  reserveShopPoints,
  shopBucket,
} from "~/shopify/throttle-bucket.server";
import { adminClientFor } from "~/shopify/admin-client.server";
import { connectAppTo } from "../support/app-emulator";
import { testEmulator } from "../../emulator/testing";
import { storeOfflineSessionWithToken } from "../support/shopify";

const SHOP = "paced.myshopify.com";
const emulator = testEmulator({
  throttle: { maximumAvailable: 60, restoreRate: 40 },
});
emulator.addShop(SHOP);
connectAppTo(emulator);
await storeOfflineSessionWithToken(SHOP, emulator.issueAccessToken(SHOP));
afterAll(closeShopBuckets);

const DEFINE = `#graphql
  mutation PacedDefinition($definition: MetafieldDefinitionInput!) {
    metafieldDefinitionCreate(definition: $definition) {
      createdDefinition { key }
      userErrors { code }
    }
  }
`;

describe("the throttle-aware Admin client", () => {
  it("keeps three clients of one shop under the bucket: they wait instead of being throttled", async () => {
    const clients = await Promise.all([
      adminClientFor(SHOP),
      adminClientFor(SHOP),
      adminClientFor(SHOP),
    ]);
    const started = performance.now();
    // 24 mutations × 10 points against a 60-point bucket refilling at 40/s: at least (240 - 60) / 40 = 4.5 s.
    await Promise.all(
      clients.map((client, c) =>
        (async () => {
          for (let i = 0; i < 8; i++) {
            const data = (await client.requestUntyped(DEFINE, {
              definition: {
                name: `k${c}${i}`,
                key: `k${c}_${i}`,
                type: "single_line_text_field",
                ownerType: "PRODUCT",
              },
            })) as {
              metafieldDefinitionCreate: {
                createdDefinition: { key: string } | null;
                userErrors: unknown[];
              };
            };
            // Every write went through (waiting, never dropped): the definition exists.
            expect(data.metafieldDefinitionCreate).toEqual({
              createdDefinition: { key: `k${c}_${i}` },
              userErrors: [],
            });
          }
        })(),
      ),
    );
    const elapsed = performance.now() - started;
    const throttled = clients.reduce((n, c) => n + c.stats.throttled, 0);
    expect(elapsed).toBeGreaterThan(4000);
    expect(throttled).toBeLessThanOrEqual(2);
    expect(clients.reduce((n, c) => n + c.stats.waitedMs, 0)).toBeGreaterThan(
      0,
    );
  });

  it("retries a THROTTLED answer and a 502 and returns the data", async () => {
    const client = await adminClientFor(SHOP);
    emulator.setFaults(SHOP, { throttleNext: 2, serverErrorNext: 1 });
    const data = (await client.requestUntyped(
      `query PacedShop { shop { name } }`,
    )) as { shop: { name: string } };
    emulator.setFaults(SHOP, {});
    expect(data.shop.name).toBe("Paced");
    expect(client.stats.throttled).toBe(2);
    expect(client.stats.transientFailures).toBe(1);
  });

  it("refuses at once a request Shopify throttles for asking more than the whole bucket, instead of retrying it", async () => {
    const client = await adminClientFor(SHOP);
    // ~100 points requested against the 60-point bucket: no wait would ever make room for it.
    const request = client.requestUntyped(
      `query TooLarge { products(first: 100) { nodes { id title } } }`,
    );
    await expect(request).rejects.toMatchObject({
      retryable: false,
      message: expect.stringMatching(
        /asks \d+ points and paced\.myshopify\.com's bucket holds 60/,
      ) as unknown,
    });
    expect(client.stats.throttled).toBe(1);
  });

  it("lets a request asking more than the bucket holds go once the bucket is full, taking all of it", async () => {
    const shop = "oversized.myshopify.com";
    // A fresh mirror is full (2,000 points): 5,000 asked can never be available, so it takes the whole bucket
    // instead of waiting forever; the next request then waits for the refill.
    expect(await reserveShopPoints(shop, 5_000)).toBe(0);
    expect(await reserveShopPoints(shop, 100)).toBeGreaterThan(0);
  });

  it("leaves a background read's floor to the sync engine's pushes: the read waits for the refill, a push goes", async () => {
    const shop = "floored.myshopify.com";
    const now = Date.now();
    // Shopify said 600 of 2,000 points are left (restore 100/s).
    await recordShopThrottle(
      shop,
      { maximumAvailable: 2000, currentlyAvailable: 600, restoreRate: 100 },
      now,
    );
    // With a floor of a quarter, a read of 200 must leave 500: 600 - 200 < 500, so it waits (100 points = 1 s)…
    const floor = 0.25;
    expect(BACKGROUND_FLOOR).toBeGreaterThanOrEqual(floor);
    const wait = await reserveShopPoints(shop, 200, now, floor);
    expect(wait).toBe(1000);
    expect((await shopBucket(shop, now)).currentlyAvailable).toBe(600);
    // …while a push of the same cost takes its points at once, down into the floor.
    expect(await reserveShopPoints(shop, 200, now)).toBe(0);
    expect(await reserveShopPoints(shop, 350, now)).toBe(0);
    expect((await shopBucket(shop, now)).currentlyAvailable).toBe(50);
    // Once the refill brings the bucket to cost + floor (700, i.e. 6.5 s later), the background read goes.
    expect(await reserveShopPoints(shop, 200, now + 6_000, floor)).toBe(500);
    expect(await reserveShopPoints(shop, 200, now + 6_500, floor)).toBe(0);
    expect((await shopBucket(shop, now + 6_500)).currentlyAvailable).toBe(500);
  });

  it("keeps the points of requests still in flight when Shopify's answer to another one arrives", async () => {
    const shop = "in-flight.myshopify.com";
    const now = Date.now();
    const status = (currentlyAvailable: number) => ({
      maximumAvailable: 500,
      currentlyAvailable,
      restoreRate: 50,
    });
    await recordShopThrottle(shop, status(500), now);
    // Two processes send a request each: 300 and 150 points.
    expect(await reserveShopPoints(shop, 300, now, 0, "a")).toBe(0);
    expect(await reserveShopPoints(shop, 150, now, 0, "b")).toBe(0);
    // Shopify answers b first, before a has reached it: 500 - 150 = 350 left, it says. a's 300 are still
    // spoken for, so the mirror holds 50 and a third request of 300 waits 5 s (250 points at 50/s) instead of
    // being sent into a THROTTLED answer.
    await recordShopThrottle(shop, status(350), now, "b");
    expect((await shopBucket(shop, now)).currentlyAvailable).toBe(50);
    expect(await reserveShopPoints(shop, 300, now, 0, "c")).toBe(5000);
    // a's answer counts it: the mirror is Shopify's number again.
    await recordShopThrottle(shop, status(50), now, "a");
    expect((await shopBucket(shop, now)).currentlyAvailable).toBe(50);
    // A process killed mid-request never settles its ticket: it holds its points for the lease (a minute) only.
    expect(await reserveShopPoints(shop, 50, now, 0, "lost")).toBe(0);
    await recordShopThrottle(shop, status(100), now + 1_000);
    expect((await shopBucket(shop, now + 1_000)).currentlyAvailable).toBe(50);
    await recordShopThrottle(shop, status(100), now + 61_000);
    expect((await shopBucket(shop, now + 61_000)).currentlyAvailable).toBe(100);
  });
});
