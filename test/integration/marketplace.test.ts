// The marketplace connector against the test receiver, over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Invalid, Upstream } from "~/lib/errors";
import {
  patchListing,
  type Listing,
  type MarketplaceEndpoint,
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

const listing = (
  revision: number,
  image = "https://app.example/r/a.jpg",
): Listing => ({
  sku: "AW26-COA-001-CAM-M",
  revision,
  title: "Recycled Wool Wrap Coat",
  description: "A wrap coat.",
  price: { amount: 26000, currency: "EUR" },
  attributes: { colour: "Camel", size: "M", material: ["Wool", "Cashmere"] },
  images: { main: image, additional: [] },
});

describe("the marketplace connector", () => {
  it("sends a signed listing the marketplace accepts and shows", async () => {
    await patchListing(endpoint, listing(10));
    expect(receiver.listings.get("AW26-COA-001-CAM-M")).toMatchObject({
      revision: 10,
      images: { main: "https://app.example/r/a.jpg" },
    });
  });

  it("retries rate limits and outages with backoff, then succeeds", async () => {
    receiver.faults = { rateLimitNext: 1, failNext: 2 };
    await patchListing(endpoint, listing(11, "https://app.example/r/b.jpg"), {
      backoffMs: 5,
    });
    expect(receiver.listings.get("AW26-COA-001-CAM-M")?.images.main).toBe(
      "https://app.example/r/b.jpg",
    );
    expect(receiver.log.slice(-4).map((l) => l.status)).toEqual([
      429, 503, 503, 200,
    ]);
  });

  it("never lets an older revision overwrite a newer one (409 counts as done), and replays are idempotent", async () => {
    await expect(
      patchListing(endpoint, listing(9, "https://app.example/r/old.jpg")),
    ).resolves.toEqual({ status: 409 });
    expect(receiver.listings.get("AW26-COA-001-CAM-M")?.images.main).toBe(
      "https://app.example/r/b.jpg",
    );
  });

  it("gives up with a retryable error when the marketplace stays down, and a permanent one when it refuses", async () => {
    receiver.faults = { failNext: 10 };
    await expect(
      patchListing(endpoint, listing(12), { backoffMs: 1, maxAttempts: 3 }),
    ).rejects.toBeInstanceOf(Upstream);
    receiver.faults = {};
    await expect(
      patchListing({ ...endpoint, secret: "wrong" }, listing(13)),
    ).rejects.toBeInstanceOf(Invalid);
  });

  it("refuses a plain-HTTP endpoint that is not local", async () => {
    await expect(
      patchListing(
        { ...endpoint, url: "http://marketplace.example/v1" },
        listing(5),
      ),
    ).rejects.toBeInstanceOf(Invalid);
  });
});
