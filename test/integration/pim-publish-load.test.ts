// A 10,000-value publish through the throttle-aware client: batches of at most 25 per metafieldsSet, paced to
// the bucket so Shopify (the emulator) answers THROTTLED at most occasionally.
import { beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { saveAttribute } from "~/pim/attributes.db.server";
import { importCatalogue } from "~/pim/catalogue-import.server";
import { ensureMetafieldDefinitions } from "~/pim/metafield-definitions.server";
import { METAFIELDS_PER_CALL } from "~/pim/metafields";
import { publishProductValues } from "~/pim/publish.server";
import {
  adminClientFor,
  type AdminClient,
} from "~/shopify/admin-client.server";
import { upsertInstalledShop } from "~/shop/shop.db.server";
import { connectAppTo } from "../support/app-emulator";
import { seedShop } from "../../emulator/seed/seed";
import { testEmulator } from "../../emulator/testing";
import { storeOfflineSessionWithToken } from "../support/shopify";

const SHOP = "load-shop.myshopify.com";
const PRODUCTS = 400;
const ATTRIBUTES = 25;
// A small bucket that refills fast: the publish must wait for it many times, yet the test stays short.
const emulator = testEmulator({
  throttle: { maximumAvailable: 200, restoreRate: 300 },
});
let client: AdminClient;
let productIds: string[];

beforeAll(async () => {
  await seedShop(emulator, SHOP, { factor: 2.2, images: false });
  connectAppTo(emulator);
  await storeOfflineSessionWithToken(SHOP, emulator.issueAccessToken(SHOP));
  await upsertInstalledShop(SHOP);
  client = await adminClientFor(SHOP);
  await importCatalogue(SHOP, client, { pollMs: 10 });
  for (let i = 1; i <= ATTRIBUTES; i += 1)
    await saveAttribute(SHOP, {
      key: `spec_${String(i).padStart(2, "0")}`,
      labels: { en: `Spec ${i}` },
      type: "single_line_text",
    });
  const attributes = await db.attributeDefinition.findMany({
    where: { shop: SHOP },
  });
  const products = await db.product.findMany({
    where: { shop: SHOP },
    select: { id: true },
    orderBy: { handle: "asc" },
    take: PRODUCTS,
  });
  productIds = products.map((p) => p.id);
  await db.attributeValue.createMany({
    data: products.flatMap((p) =>
      attributes.map((a) => {
        const value = JSON.stringify(`${a.key} of ${p.id}`);
        return {
          shop: SHOP,
          productId: p.id,
          ownerId: p.id,
          attributeId: a.id,
          draft: value,
          approved: value,
        };
      }),
    ),
  });
  await db.product.updateMany({
    where: { shop: SHOP, id: { in: productIds } },
    data: { pimStatus: "APPROVED", approvedVersion: 1 },
  });
});

describe("publishing 10,000 approved values", () => {
  // Paced by the bucket on purpose (~15 s on SQLite, longer on a busy PostgreSQL): a generous test timeout.
  it(
    "sends them in batches of at most 25 without being throttled more than occasionally",
    { timeout: 120_000 },
    async () => {
      expect(productIds).toHaveLength(PRODUCTS);
      await ensureMetafieldDefinitions(SHOP, client);
      const before = { ...client.stats };

      // Four at a time, as the worker's concurrency would.
      const queue = [...productIds];
      const results = await Promise.all(
        Array.from({ length: 4 }, async () => {
          const done = [];
          for (let id = queue.shift(); id; id = queue.shift())
            done.push(await publishProductValues(SHOP, id, client, 1));
          return done;
        }),
      ).then((r) => r.flat());

      const values = results.reduce((sum, r) => sum + r.set, 0);
      const calls = results.reduce((sum, r) => sum + r.calls, 0);
      expect(values).toBe(PRODUCTS * ATTRIBUTES);
      expect(calls).toBe(Math.ceil(values / METAFIELDS_PER_CALL));
      const throttled = client.stats.throttled - before.throttled;
      const requests = client.stats.requests - before.requests;
      expect(throttled / requests).toBeLessThanOrEqual(0.02);
      // Far more than the bucket holds went through: without pacing a fast machine would be THROTTLED often.
      expect(client.stats.pointsUsed - before.pointsUsed).toBeGreaterThan(
        10 * 200,
      );
      const namespace = `app--${emulator.appId}`;
      expect(
        [...emulator.shop(SHOP).metafields.values()].filter(
          (m) => m.namespace === namespace,
        ),
      ).toHaveLength(values);
    },
  );
});
