// A launch's go-live on the marketplace, checked from the marketplace's side (the receiver's listings, what its
// shoppers see): after go-live every listing of a live product is active there, and the app calls a product live
// on the marketplace only when it is; a listing the marketplace refuses keeps its product not live, named with
// the SKU, sent again by its pair run, and live once the merchant retries after the marketplace accepts it.
import { describe, expect, it } from "vitest";
import db from "~/db.server";
import {
  createLaunch,
  getLaunch,
  goLiveNow,
  retryLaunchFailures,
  stageLaunch,
} from "~/launch/launch.server";
import { DEMO_SHOP } from "../../emulator/seed/seed";
import { useLaunchSeason, type Season } from "../support/launch-season";
import { eventually } from "../support/wait";

const s = useLaunchSeason();

/** The app's marketplace state per product of the launch. */
async function marketplaceStates(launchId: string) {
  const rows = await db.launchChannel.findMany({
    where: { shop: DEMO_SHOP, launchId, channel: "MARKETPLACE" },
    select: {
      state: true,
      error: true,
      launchProduct: { select: { productId: true } },
    },
  });
  return new Map(rows.map((r) => [r.launchProduct.productId, r]));
}

/** Whether the marketplace's shoppers see every listing of the product. */
const allShown = (product: Season) =>
  product.skus.every((sku) =>
    s.receiver.shown().some((listing) => listing.sku === sku),
  );

describe("a launch's go-live on the marketplace", () => {
  it("is live in the app exactly for the products whose every listing the marketplace shows; a refused listing is named and sent again", async () => {
    const { id } = await createLaunch(DEMO_SHOP, {
      name: "AW26 marketplace",
      selection: { kind: "products", productIds: s.season.map((p) => p.gid) },
    });
    await stageLaunch(DEMO_SHOP, id);
    await eventually(
      () => s.launchStatus(id),
      (status) => status === "STAGED",
      { what: "launch staged", timeoutMs: 60_000 },
    );
    expect(s.season.map(allShown)).toEqual([false, false, false]);

    const refusedSku = s.season[1]!.skus[0]!;
    s.receiver.faults.refuseSkus = [refusedSku];
    const batchesBefore = s.receiver.requests.batch;
    await goLiveNow(DEMO_SHOP, id);
    await eventually(
      () => s.launchStatus(id),
      (status) => status === "LIVE",
      { what: "launch live", timeoutMs: 60_000 },
    );

    // From the marketplace's side: the two products are shown whole, the refused SKU is not shown.
    expect(s.season.map(allShown)).toEqual([true, false, true]);
    expect(s.receiver.shown().some((l) => l.sku === refusedSku)).toBe(false);
    // The app agrees: live exactly where the marketplace shows every listing, the other named with its SKU.
    const states = await marketplaceStates(id);
    expect(s.season.map((p) => states.get(p.id)!.state)).toEqual([
      "LIVE",
      "FAILED",
      "LIVE",
    ]);
    expect(states.get(s.season[1]!.id)!.error).toContain(
      `${refusedSku} (HTTP 422)`,
    );
    // Sent in batch at go-live, then again by the product's own pair run.
    expect(s.receiver.requests.batch).toBeGreaterThan(batchesBefore);
    expect(
      s.receiver.log.filter((e) => e.sku === refusedSku && e.status === 422)
        .length,
    ).toBeGreaterThanOrEqual(2);
    expect((await getLaunch(DEMO_SHOP, id)).allLiveAt).toBeNull();

    // The marketplace accepts it now; the merchant retries the failed product.
    s.receiver.faults.refuseSkus = [];
    await retryLaunchFailures(DEMO_SHOP, id);
    await eventually(
      () => getLaunch(DEMO_SHOP, id),
      (l) => l.status === "LIVE" && l.allLiveAt !== null,
      { what: "launch all live after the retry", timeoutMs: 60_000 },
    );
    expect(s.season.map(allShown)).toEqual([true, true, true]);
    expect(
      [...(await marketplaceStates(id)).values()].map((r) => r.state),
    ).toEqual(["LIVE", "LIVE", "LIVE"]);
  }, 150_000);
});
