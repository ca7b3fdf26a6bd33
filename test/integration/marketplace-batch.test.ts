// The marketplace connector's batch form (a season's go-live in a few requests) against the test receiver, over
// real HTTP: one signed request per up to 1,000 SKUs, answered entry by entry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Invalid } from "~/lib/errors";
import {
  patchListings,
  readListings,
} from "~/sync/channels/marketplace-batch.server";
import type {
  Listing,
  MarketplaceEndpoint,
} from "~/sync/channels/marketplace.server";
import { MarketplaceReceiver } from "../../emulator/marketplace/receiver";

const receiver = new MarketplaceReceiver("vitrine-test", "s3cret");
let endpoint: MarketplaceEndpoint;
beforeAll(async () => {
  endpoint = {
    url: `${await receiver.listen()}/v1`,
    keyId: "vitrine-test",
    secret: "s3cret",
  };
});
afterAll(() => receiver.close());

const listing = (sku: string, revision: number, active = true): Listing => ({
  sku,
  revision,
  title: `Coat ${sku}`,
  description: "A wrap coat.",
  price: { amount: 26000, currency: "EUR" },
  attributes: { size: sku.slice(-1) },
  images: { main: `https://app.example/r/${sku}.jpg`, additional: [] },
  active,
});
const skus = Array.from({ length: 1200 }, (_, i) => `AW26-${i}`);

describe("the marketplace's batch listings", () => {
  it("sends 1,200 listings in two signed requests and reads them back by batch", async () => {
    const before = { ...receiver.requests };
    await patchListings(
      endpoint,
      skus.map((sku) => listing(sku, 1, false)),
    );
    expect(receiver.requests.batch - before.batch).toBe(2);
    expect(receiver.requests.single).toBe(before.single);
    expect(receiver.listings.size).toBe(1200);
    expect(receiver.shown()).toEqual([]);

    const seen = await readListings(endpoint, [...skus.slice(0, 3), "NONE"]);
    expect(seen.get("AW26-1")).toMatchObject({ revision: 1, active: false });
    expect(seen.get("NONE")).toBeNull();
  });

  it("activates them (go-live), retrying a rate-limited batch; an older revision is done, not sent again", async () => {
    receiver.faults = { rateLimitNext: 1, failNext: 1 };
    await patchListings(
      endpoint,
      skus.slice(0, 10).map((sku) => listing(sku, 2)),
      { backoffMs: 5 },
    );
    await patchListings(endpoint, [listing("AW26-0", 1, false)]);
    expect(receiver.shown().map((l) => l.sku)).toEqual(skus.slice(0, 10));
  });

  it("names the SKUs the marketplace refused; the rest of the batch is stored", async () => {
    const bad = {
      ...listing("AW26-BAD", 3),
      images: { main: "", additional: [] },
    };
    const error = await patchListings(endpoint, [
      bad,
      listing("AW26-GOOD", 3),
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Invalid);
    expect((error as Error).message).toContain("AW26-BAD (HTTP 400)");
    expect(receiver.listings.has("AW26-GOOD")).toBe(true);
    expect(receiver.listings.has("AW26-BAD")).toBe(false);
  });
});
