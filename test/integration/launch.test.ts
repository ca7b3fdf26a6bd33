// Launches, checked from outside the app: the emulator's storefront view (what a shopper sees), the Google feed
// as served, and the marketplace's shown listings. The embargo holds until go-live, go-live flips every channel
// (a product whose bulk line fails is retried, one that keeps failing is named), and rollback hides it all again.
import { describe, expect, it } from "vitest";
import db from "~/db.server";
import {
  createLaunch,
  getLaunch,
  goLiveNow,
  launchReadinessCsv,
  listLaunches,
  retryLaunchFailures,
  rollbackLaunch,
  stageLaunch,
} from "~/launch/launch.server";
import { logger } from "~/lib/logger.server";
import { processors } from "~/worker/processors";
import { DEMO_SHOP } from "../../emulator/seed/seed";
import { eventually } from "../support/wait";
import { useLaunchSeason } from "../support/launch-season";

const s = useLaunchSeason();

describe("a seasonal launch", () => {
  let launchId: string;
  let dropId: string;

  it("lists blockers that match each channel's required shots, and exports the board", async () => {
    ({ id: launchId } = await createLaunch(DEMO_SHOP, {
      name: "AW26",
      selection: { kind: "products", productIds: s.season.map((p) => p.gid) },
    }));
    const launch = await getLaunch(DEMO_SHOP, launchId);
    expect(launch).toMatchObject({ status: "DRAFT", productCount: 3 });
    // Only the first coat has every shot: the list counts it ready before go-live, as the page does.
    expect(launch.readyCount).toBe(1);
    expect((await listLaunches(DEMO_SHOP))[0]).toMatchObject({
      id: launchId,
      readyCount: 1,
    });
    const shots = launch.blockers.filter((b) => b.kind === "shot");
    expect(shots.map((b) => [b.channel, b.detail, b.count, b.message])).toEqual(
      [
        ["MARKETPLACE", "back", 2, "2 coats lack a back view"],
        ["MARKETPLACE", "model", 2, "2 coats lack a model shot"],
      ],
    );
    expect(new Set(shots[0]!.productIds)).toEqual(
      new Set([s.season[1]!.id, s.season[2]!.id]),
    );
    const first = launch.products.find((p) => p.productId === s.season[0]!.id)!;
    expect(
      first.channels.find((c) => c.channel === "MARKETPLACE")!.missingShots,
    ).toEqual([]);
    // Meta is off for this shop: left out, never a blocker.
    expect(
      first.channels.find((c) => c.channel === "META_CATALOG")!.state,
    ).toBe("EXCLUDED");
    const csv = await launchReadinessCsv(DEMO_SHOP, launchId);
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(1 + 3 * 3);
    expect(
      lines.filter(
        (l) => l.includes("MARKETPLACE") && l.includes("back model"),
      ),
    ).toHaveLength(2);
  });

  it("stages under embargo: nothing is visible anywhere, even a product switched ACTIVE early", async () => {
    await stageLaunch(DEMO_SHOP, launchId);
    await eventually(
      () => s.launchStatus(launchId),
      (s) => s === "STAGED",
      {
        what: "launch staged",
        timeoutMs: 60_000,
      },
    );
    expect(await s.visible(s.season)).toEqual(s.hidden(3));
    // Listings are prepared at the marketplace, inactive.
    expect(
      [...s.receiver.listings.values()]
        .filter((l) => s.season[0]!.skus.includes(l.sku))
        .every((l) => l.active === false),
    ).toBe(true);
    expect(s.receiver.listings.size).toBeGreaterThan(0);
    // A merchant flips a product ACTIVE by hand: the gate still keeps it out of the feed.
    await db.product.update({
      where: { id: s.season[1]!.id },
      data: { status: "ACTIVE" },
    });
    expect((await s.visible(s.season)).feed).toEqual([false, false, false]);
    await db.product.update({
      where: { id: s.season[1]!.id },
      data: { status: "DRAFT" },
    });
  }, 90_000);

  it("goes live on every channel at once, retrying a product whose bulk line failed", async () => {
    s.emulator.setFaults(DEMO_SHOP, {
      bulkMutation: {
        failIds: [s.season[2]!.gid],
        message: "Internal error",
        times: 1,
      },
    });
    await goLiveNow(DEMO_SHOP, launchId);
    await eventually(
      () => s.launchStatus(launchId),
      (s) => s === "LIVE",
      {
        what: "launch live",
        timeoutMs: 60_000,
      },
    );
    expect(await s.visible(s.season)).toEqual(s.shown(3));
    // The sync engine's own state follows from its read of the products live (it last saw them Draft, staged).
    await eventually(
      () =>
        db.syncState.findMany({
          where: {
            shop: DEMO_SHOP,
            channel: "SHOPIFY_STOREFRONT",
            productId: { in: s.season.map((p) => p.id) },
          },
        }),
      (rows) => rows.length === 3 && rows.every((r) => r.status === "LIVE"),
      { what: "the storefront pairs read back live", timeoutMs: 30_000 },
    );
    const [summary] = await listLaunches(DEMO_SHOP);
    expect(summary!.allLiveAt).not.toBeNull();
    expect(summary!.readyCount).toBeNull();
    for (const channel of summary!.progress.filter((c) => c.total > 0)) {
      expect(channel).toMatchObject({ total: 3, live: 3, failed: 0 });
      expect(channel.goLiveToAllLiveMs).toBeGreaterThanOrEqual(0);
    }
  }, 90_000);

  it("says when a live product went off a channel after go-live, and live again once it is back", async () => {
    const product = s.season[0]!;
    const record = s.emulator.shop(DEMO_SHOP).products.get(product.gid)!;
    // The merchant drafts it in Shopify; its products/update webhook is refreshed as the route would have it.
    const merchantSets = async (status: "DRAFT" | "ACTIVE") => {
      record.status = status;
      s.emulator.productsChanged(DEMO_SHOP, [product.gid]);
      await processors["product.refresh"](
        {
          shop: DEMO_SHOP,
          productId: product.gid,
          updatedAt: record.updatedAt,
          webhookId: `merchant-${status}-${Date.now()}`,
        },
        { jobId: "t", attemptsMade: 0, log: logger },
      );
    };
    const cell = (launch: Awaited<ReturnType<typeof getLaunch>>) =>
      launch.products
        .find((p) => p.productId === product.id)!
        .channels.find((c) => c.channel === "SHOPIFY_STOREFRONT")!;
    await merchantSets("DRAFT");
    const off = await eventually(
      () => getLaunch(DEMO_SHOP, launchId),
      (l) => cell(l).observedOff !== null,
      {
        what: "the board saying the drafted product is off",
        timeoutMs: 30_000,
      },
    );
    expect(cell(off)).toMatchObject({
      state: "LIVE",
      observedOff: { reason: expect.stringMatching(/Draft/) },
    });
    // Every channel follows (the feed drops its rows, the listing is withdrawn), seen from outside and on the board.
    const offEverywhere = (launch: Awaited<ReturnType<typeof getLaunch>>) =>
      launch.products
        .find((p) => p.productId === product.id)!
        .channels.filter((c) => c.state === "LIVE")
        .every((c) => c.observedOff !== null);
    await eventually(
      () => s.visible([product]),
      (v) => JSON.stringify(v) === JSON.stringify(s.hidden(1)),
      {
        what: "the drafted product hidden on every channel",
        timeoutMs: 30_000,
      },
    );
    await eventually(() => getLaunch(DEMO_SHOP, launchId), offEverywhere, {
      what: "off on every channel on the board",
      timeoutMs: 30_000,
    });
    expect(cell(off).observedOff!.at.getTime()).toBeGreaterThan(
      cell(off).liveAt!.getTime(),
    );
    // Only that product, and a blocker says so; the others stay live with nothing to say.
    for (const other of off.products.filter((p) => p.productId !== product.id))
      expect(other.channels.every((c) => c.observedOff === null)).toBe(true);
    expect(off.blockers).toContainEqual(
      expect.objectContaining({
        channel: "SHOPIFY_STOREFRONT",
        kind: "off",
        count: 1,
      }),
    );
    const csv = await launchReadinessCsv(DEMO_SHOP, launchId);
    expect(
      csv
        .split("\r\n")
        .find(
          (l) =>
            l.startsWith(product.handle) && l.includes("SHOPIFY_STOREFRONT"),
        ),
    ).toMatch(/Draft/);

    await merchantSets("ACTIVE");
    await eventually(
      () => getLaunch(DEMO_SHOP, launchId),
      (l) =>
        l.products
          .find((p) => p.productId === product.id)!
          .channels.every((c) => c.observedOff === null),
      { what: "the board saying live again", timeoutMs: 30_000 },
    );
    await eventually(
      () => s.visible([product]),
      (v) => JSON.stringify(v) === JSON.stringify(s.shown(1)),
      { what: "shown again on every channel", timeoutMs: 30_000 },
    );
  }, 90_000);

  it("rolls back: unpublished and hidden on every channel", async () => {
    await rollbackLaunch(DEMO_SHOP, launchId);
    await eventually(
      () => s.launchStatus(launchId),
      (s) => s === "ROLLED_BACK",
      {
        what: "launch rolled back",
        timeoutMs: 60_000,
      },
    );
    await eventually(
      () => s.visible(s.season),
      (v) => JSON.stringify(v) === JSON.stringify(s.hidden(3)),
      {
        what: "every channel hidden again",
      },
    );
    const published = s.emulator
      .shop(DEMO_SHOP)
      .products.get(s.season[0]!.gid)!;
    expect(published.status).toBe("DRAFT");
  }, 90_000);

  it("names a product that keeps failing in the bulk result and keeps it under embargo", async () => {
    s.emulator.setFaults(DEMO_SHOP, {
      bulkMutation: { failIds: [s.late.gid], message: "Product is locked" },
    });
    const { id } = await createLaunch(DEMO_SHOP, {
      name: "Drop 2",
      selection: {
        kind: "products",
        productIds: [s.late.gid, s.season[0]!.gid],
      },
    });
    dropId = id;
    await goLiveNow(DEMO_SHOP, id);
    await eventually(
      () => s.launchStatus(id),
      (s) => s === "LIVE",
      { what: "drop live", timeoutMs: 60_000 },
    );
    const launch = await getLaunch(DEMO_SHOP, id, { filter: "failed" });
    expect(launch.products.map((p) => p.productId)).toEqual([s.late.id]);
    expect(
      launch.products[0]!.channels.find(
        (c) => c.channel === "SHOPIFY_STOREFRONT",
      ),
    ).toMatchObject({
      state: "FAILED",
      error: expect.stringContaining("Product is locked"),
    });
    expect(
      launch.blockers.find((b) => b.kind === "failed")!.productIds,
    ).toEqual([s.late.id]);
    expect(launch.allLiveAt).toBeNull();
    expect(await s.visible([s.late])).toEqual(s.hidden(1));
    expect(await s.visible([s.season[0]!])).toEqual(s.shown(1));
  }, 90_000);

  it("retries the failed product once the fault is lifted: only it goes through bulk again, then every channel", async () => {
    // The fault still holds: a retry fails again and names the product again.
    await retryLaunchFailures(DEMO_SHOP, dropId);
    await eventually(
      () => getLaunch(DEMO_SHOP, dropId, { filter: "failed" }),
      (l) => l.status === "LIVE" && l.products.length === 1,
      { what: "retry failed again", timeoutMs: 60_000 },
    );
    expect(await s.visible([s.late])).toEqual(s.hidden(1));
    s.emulator.setFaults(DEMO_SHOP, {});
    const before = new Set(s.emulator.shop(DEMO_SHOP).bulkOperations.keys());
    expect(await retryLaunchFailures(DEMO_SHOP, dropId)).toEqual({
      retried: 1,
    });
    await eventually(
      () => getLaunch(DEMO_SHOP, dropId),
      (l) => l.status === "LIVE" && l.allLiveAt !== null,
      { what: "drop all live", timeoutMs: 60_000 },
    );
    expect(await s.visible([s.late, s.season[0]!])).toEqual(s.shown(2));
    const launch = await getLaunch(DEMO_SHOP, dropId);
    expect(launch.blockers.filter((b) => b.kind === "failed")).toEqual([]);
    for (const row of launch.products)
      for (const pair of row.channels.filter((c) => c.state !== "EXCLUDED"))
        expect(pair).toMatchObject({ state: "LIVE", error: null });
    // The retry's bulk operations carried one line each: the product already live was not flipped again.
    const retryOps = [
      ...s.emulator.shop(DEMO_SHOP).bulkOperations.values(),
    ].filter((op) => !before.has(op.id) && op.type === "MUTATION");
    expect(retryOps.map((op) => op.rootObjectCount)).toEqual([1, 1]);
    // Nothing failed any more, and a rolled-back launch has no go-live to retry.
    await expect(retryLaunchFailures(DEMO_SHOP, dropId)).rejects.toThrow(
      "No product failed to go live",
    );
    await expect(retryLaunchFailures(DEMO_SHOP, launchId)).rejects.toThrow(
      "no go-live to retry",
    );
  }, 120_000);
});
