// What the shop-wide market price read costs (issue #15): markets without a price list in the shop's currency are
// not read, the others page 100 variants at a time, paced to MARKET_PRICES_SHARE of the restore rate so the sync
// engine keeps the rest of the Admin API bucket.
import { beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import {
  MARKET_PRICES_SHARE,
  syncMarketPrices,
} from "~/pim/market-prices.server";
import { adminClientFor } from "~/shopify/admin-client.server";
import { installDemoShop } from "../support/app-emulator";
import { DEMO_SHOP } from "../../emulator/seed/seed";
import { testEmulator } from "../../emulator/testing";

const emulator = testEmulator();

beforeAll(async () => {
  await installDemoShop(emulator, { factor: 0.05 });
});

describe("the shop-wide market price read", () => {
  it("reads only the United Kingdom (a pound price list), in pages paced to its share of the restore rate", async () => {
    const variants = emulator.shop(DEMO_SHOP).variants.size;
    expect(variants).toBeGreaterThan(100);
    const client = await adminClientFor(DEMO_SHOP);
    const started = Date.now();
    const result = await syncMarketPrices(DEMO_SHOP, client);
    const elapsed = Date.now() - started;

    expect(result).toEqual({ markets: 3, prices: variants });
    const stored = await db.marketPrice.groupBy({
      by: ["currency"],
      where: { shop: DEMO_SHOP },
      _count: true,
    });
    expect(stored).toEqual([{ currency: "GBP", _count: variants }]);
    // One read per market (a page holds one: each asks for up to 250 countries), then two pages of variants for
    // the one market that is not the base price.
    expect(client.stats.requests).toBe(3 + 2);
    // The second page waited until the first one's points fit in the share of the emulator's 100 points/s.
    const firstPage = 100 * 3 + 2;
    expect(elapsed).toBeGreaterThanOrEqual(
      (firstPage / (100 * MARKET_PRICES_SHARE)) * 1000 - 100,
    );
  });
});
