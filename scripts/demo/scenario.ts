// The buyer's test, run by `npm run demo` against the running app and worker: import the catalogue, upload and
// approve studio images, link them to variants, publish to every channel, replace the size chart used by every
// variant of a dozen coats, wait until every channel is live, and report the latencies. Everything here goes
// through the app's own use cases (the same ones the admin UI calls); the worker does the syncing.
import { showMediaAndFrench } from "./media.ts";
import { checkReplacementSeen, percentile, until } from "./scenario-checks.ts";
import {
  approvedUpload,
  linkCoatImages,
  sizeChart,
} from "./scenario-images.ts";
import { setUpDemoShop } from "./scenario-shop.ts";
import {
  adminApiUse,
  awaitRefilledBucket,
  describeAdminApiUse,
} from "./admin-api-use.ts";

export interface ScenarioOptions {
  shop: string;
  emulatorUrl: string;
  appUrl: string;
  /** The emulator's admin token (the demo's media steps act as the merchant's translation app with it). */
  adminToken: string;
  say: (message: string) => void;
}

export interface ScenarioResult {
  variants: number;
  resultLine: string;
  close(): Promise<void>;
}

export async function runScenario({
  shop,
  emulatorUrl,
  appUrl,
  adminToken,
  say,
}: ScenarioOptions): Promise<ScenarioResult> {
  const { default: db } = await import("../../app/db.server.ts");
  const { addVersion } = await import("../../app/dam/ingest.server.ts");
  const { approveVersion } = await import("../../app/dam/versions.server.ts");
  const { shopChannels } =
    await import("../../app/sync/channels/channels.db.server.ts");
  const { CHANNELS } = await import("../../app/channels/kinds.ts");
  const { kickOutboxRelay } = await import("../../app/outbox/relay.server.ts");
  const { googleFeedUrl } = await import("../../app/sync/urls.server.ts");
  const actor = "demo@vitrine.example";

  const { receiver, metaFeedUrl, channels, coats } = await setUpDemoShop(
    shop,
    appUrl,
    actor,
    say,
  );
  const upload = await approvedUpload(shop, actor);
  say(
    `DAM: uploading and approving a front packshot per colour of ${coats.length} coats, and their size chart`,
  );
  const { chartId, fronts } = await linkCoatImages(shop, coats, upload, actor);
  await kickOutboxRelay();

  const productIds = coats.map((c) => c.id);
  const allLive = () =>
    db.syncState.findMany({
      where: { shop, productId: { in: productIds } },
      select: { status: true, confirmedRevision: true, desiredRevision: true },
    });
  say(`publishing to ${channels.map((c) => CHANNELS[c].key).join(", ")}`);
  await until(
    allLive,
    (rows) =>
      rows.length === productIds.length * channels.length &&
      rows.every(
        (r) => r.status === "LIVE" && r.confirmedRevision === r.desiredRevision,
      ),
    "first publish on every channel",
  );
  say(
    `first publish live: ${receiver.listings.size} marketplace listings, ${coats.reduce((n, c) => n + c.variants.length, 0)} variants on the storefront`,
  );

  // The buyer's test: the size chart is corrected.
  say(
    "replacing the size chart (a new version, approved) — measuring until every channel is live",
  );
  const refill = await awaitRefilledBucket(emulatorUrl, shop);
  say(
    `the first publish left the shop's Admin API bucket at ${Math.round(refill.from)} points; ` +
      (refill.full
        ? `it refilled in ${(refill.waitedMs / 1000).toFixed(1)} s (as it would before a merchant's next change)`
        : `still refilling after ${(refill.waitedMs / 1000).toFixed(1)} s (background work): replacing anyway`),
  );
  const adminApiBefore = await adminApiUse(emulatorUrl, shop);
  const chart = await sizeChart("v2, corrected");
  const { version } = await addVersion({
    shop,
    assetId: chartId,
    filename: "coats-size-chart.jpg",
    data: chart,
    actor,
  });
  await approveVersion({
    shop,
    assetId: chartId,
    versionId: version.id,
    actor,
  });
  await kickOutboxRelay();
  const outbox = await db.outbox.findFirstOrThrow({
    where: { shop, aggregateId: chartId, topic: "asset.version-approved" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const hops = await until(
    () => db.syncHop.findMany({ where: { outboxId: outbox.id } }),
    (rows) =>
      rows.length === productIds.length * channels.length &&
      rows.every((h) => h.endedAt),
    "the replacement live on every channel",
  );
  say(
    describeAdminApiUse(adminApiBefore, await adminApiUse(emulatorUrl, shop)),
  );
  const failed = hops.filter((h) => h.outcome !== "LIVE");
  if (failed.length > 0)
    throw new Error(
      `${failed.length} channel pushes did not go live (${failed[0]!.outcome}): ${failed[0]!.error}`,
    );

  const { google } = await shopChannels(shop);
  const googleFeed = async () =>
    (
      await fetch(
        googleFeedUrl(shop, google.config.feedToken).replace(
          /^https?:\/\/[^/]+/,
          appUrl,
        ),
      )
    ).text();
  await checkReplacementSeen({
    shop,
    emulatorUrl,
    coats,
    chartId,
    sha256: version.sha256,
    receiver,
    metaFeedUrl,
    googleFeed,
  });

  const variants = hops
    .filter((h) => h.channel === "SHOPIFY_STOREFRONT")
    .reduce((n, h) => n + h.variants, 0);
  say(
    `every channel shows the new size chart: ${variants} variants, no manual step`,
  );
  // Issue #15, after the timed wave: a campaign video, a 360° spin and a French translation on the first coat.
  await showMediaAndFrench({
    shop,
    emulatorUrl,
    adminToken,
    coat: coats[0]!,
    frontAssetId: fronts.get(coats[0]!.id)!,
    actor,
    upload,
    googleFeed,
    until,
    say,
  });

  const latencies = (channel: string) =>
    hops
      .filter((h) => h.channel === channel)
      .map((h) => h.liveAt!.getTime() - h.approvedAt.getTime());
  const storefront = latencies("SHOPIFY_STOREFRONT");
  const perChannel = channels
    .filter((c) => c !== "SHOPIFY_STOREFRONT")
    .map((c) => `${CHANNELS[c].key}_p95_ms=${percentile(latencies(c), 95)}`);
  const resultLine =
    `RESULT replace_to_live variants=${variants} storefront_p50_ms=${percentile(storefront, 50)} ` +
    `storefront_p95_ms=${percentile(storefront, 95)} ${perChannel.join(" ")} manual_steps=0`;
  return { variants, resultLine, close: () => receiver.close() };
}
