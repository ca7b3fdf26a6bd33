// The buyer's test, run by `npm run demo` against the running app and worker: import the catalogue, upload and
// approve studio images, link them to variants, publish to every channel, replace the size chart used by every
// variant of a dozen coats, wait until every channel is live, and report the latencies. Everything here goes
// through the app's own use cases (the same ones the admin UI calls); the worker does the syncing.
import { parse } from "csv-parse/sync";
import sharp from "sharp";
import { MarketplaceReceiver } from "../../emulator/marketplace/receiver.ts";
import { COLOURS } from "../../emulator/seed/catalogue.ts";
import { studioImage } from "../../emulator/seed/images.ts";
import { showMediaAndFrench } from "./media.ts";

const COATS = 12;

const skusCount = (coats: { variants: { sku: string | null }[] }[]) =>
  coats.reduce((n, c) => n + c.variants.filter((v) => v.sku).length, 0);

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

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

async function until<T>(
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
  timeoutMs = 180_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function sizeChart(label: string): Promise<Buffer> {
  const rows = [
    "XS 82 / 66",
    "S 86 / 70",
    "M 90 / 74",
    "L 96 / 80",
    "XL 102 / 86",
  ];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="1500">
    <rect width="1200" height="1500" fill="#ffffff"/>
    <text x="100" y="160" font-family="sans-serif" font-size="72" fill="#111">Coats — size chart (${label})</text>
    <text x="100" y="260" font-family="sans-serif" font-size="40" fill="#555">Size  chest / waist (cm)</text>
    ${rows.map((row, i) => `<text x="100" y="${380 + i * 140}" font-family="sans-serif" font-size="56" fill="#222">${row}</text>`).join("")}
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

export async function runScenario({
  shop,
  emulatorUrl,
  appUrl,
  adminToken,
  say,
}: ScenarioOptions): Promise<ScenarioResult> {
  const { default: db } = await import("../../app/db.server.ts");
  const { setUpApparelPim, importCatalogue } =
    await import("../../app/pim/onboarding.server.ts");
  const { ingestUpload, addVersion } =
    await import("../../app/dam/ingest.server.ts");
  const { approveVersion } = await import("../../app/dam/versions.server.ts");
  const { saveProductValues } =
    await import("../../app/pim/values.db.server.ts");
  const { approveAndPublish } =
    await import("../../app/pim/approval.server.ts");
  const { linkAssets } = await import("../../app/sync/links.db.server.ts");
  const {
    configureMarketplace,
    enabledChannels,
    feedSettings,
    setChannelEnabled,
    shopChannels,
  } = await import("../../app/sync/channels/channels.db.server.ts");
  const { CHANNELS } = await import("../../app/channels/kinds.ts");
  const { kickOutboxRelay } =
    await import("../../app/outbox/relay.db.server.ts");
  const { feedUrl, googleFeedUrl } =
    await import("../../app/sync/urls.server.ts");
  const actor = "demo@vitrine.example";

  say(
    "PIM: apparel attributes and families, then the catalogue import (bulk operation)",
  );
  await setUpApparelPim(shop);
  const imported = await importCatalogue(shop);
  say(
    `imported ${imported.products} products and ${imported.variants} variants`,
  );

  const receiver = new MarketplaceReceiver(
    "vitrine-demo",
    "demo-marketplace-secret",
  );
  const marketplaceUrl = `${await receiver.listen()}/v1`;
  await configureMarketplace(shop, {
    url: marketplaceUrl,
    keyId: "vitrine-demo",
    secret: "demo-marketplace-secret",
  });
  say(`marketplace channel → ${marketplaceUrl} (signed PATCH per SKU)`);
  await setChannelEnabled(shop, "META_CATALOG", true);
  const metaFeedUrl = feedUrl(
    shop,
    { slug: "meta", extension: "csv" },
    (await feedSettings(shop, "META_CATALOG")).config.feedToken,
  ).replace(/^https?:\/\/[^/]+/, appUrl);
  say(`Meta catalogue channel → ${metaFeedUrl} (CSV data feed)`);
  const channels = await enabledChannels(shop);

  const coats = await db.product.findMany({
    where: { shop, productType: "Coats", status: "ACTIVE" },
    include: { variants: { orderBy: { position: "asc" } } },
    orderBy: { handle: "asc" },
    take: COATS,
  });
  // Issue #11: the feeds carry gender and age group from the PIM. Approval needs every attribute the family
  // requires on a channel (else a recorded reason), so the merchant fills those in too, then approves.
  say(
    `PIM: material, care, fit, origin, brand, gender and age group of the ${coats.length} coats, approved`,
  );
  for (const coat of coats)
    await saveProductValues(
      shop,
      coat.id,
      [
        { attributeKey: "material_composition", input: "70% wool, 30% alpaca" },
        { attributeKey: "care_instructions", input: "Dry clean only." },
        { attributeKey: "fit", input: "Regular" },
        { attributeKey: "country_of_origin", input: "PT" },
        { attributeKey: "brand", input: coat.vendor ?? "Vitrine" },
        { attributeKey: "gender", input: "female" },
        { attributeKey: "age_group", input: "adult" },
      ],
      actor,
    );
  await approveAndPublish(
    shop,
    coats.map((c) => c.id),
    actor,
  );

  const upload = async (filename: string, data: Buffer) => {
    const result = await ingestUpload({ shop, filename, data, actor });
    const asset = "duplicateOf" in result ? result.duplicateOf : result.asset;
    const full = await db.asset.findFirstOrThrow({
      where: { id: asset.id },
      include: { versions: true },
    });
    const version = full.versions.at(-1)!;
    await approveVersion({
      shop,
      assetId: full.id,
      versionId: version.id,
      actor,
    });
    return full.id;
  };

  say(
    `DAM: uploading and approving a front packshot per colour of ${coats.length} coats, and their size chart`,
  );
  const chartId = await upload("coats-size-chart.jpg", await sizeChart("v1"));
  const fronts = new Map<string, string>();
  for (const coat of coats) {
    const byColour = new Map<string, string[]>();
    for (const variant of coat.variants) {
      const colour = (
        variant.selectedOptions as { name: string; value: string }[]
      ).find((o) => o.name === "Colour");
      if (colour)
        byColour.set(colour.value, [
          ...(byColour.get(colour.value) ?? []),
          variant.id,
        ]);
    }
    for (const [colourName, variantIds] of byColour) {
      const colour = COLOURS.find((c) => c.name === colourName) ?? COLOURS[0]!;
      const front = await studioImage({
        family: "coat",
        colour,
        width: 1600,
        height: 2000,
        packshot: true,
        label: `${coat.handle} ${colourName}`,
      });
      const assetId = await upload(
        `${coat.handle}-${colourName.toLowerCase()}-front.jpg`,
        front,
      );
      if (!fronts.has(coat.id)) fronts.set(coat.id, assetId);
      await linkAssets(
        shop,
        { assetIds: [assetId], productId: coat.id, variantIds, role: "FRONT" },
        actor,
      );
    }
    await linkAssets(
      shop,
      { assetIds: [chartId], productId: coat.id, role: "SIZE_CHART" },
      actor,
    );
  }
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
  const failed = hops.filter((h) => h.outcome !== "LIVE");
  if (failed.length > 0)
    throw new Error(
      `${failed.length} channel pushes did not go live (${failed[0]!.outcome}): ${failed[0]!.error}`,
    );

  // Independent checks of "live": what a shopper, Google and the marketplace see now.
  const file = await db.shopifyFile.findUniqueOrThrow({
    where: { shop_assetId: { shop, assetId: chartId } },
  });
  for (const coat of coats) {
    const view = (await (
      await fetch(`${emulatorUrl}/products/${coat.handle}.js`, {
        headers: { "X-Forwarded-Host": shop },
      })
    ).json()) as { media: { id: number; src: string }[] };
    const media = view.media.find(
      (m) => `gid://shopify/MediaImage/${m.id}` === file.fileGid,
    );
    if (!media || media.src !== file.url)
      throw new Error(
        `${coat.handle}: the storefront does not show the new size chart`,
      );
  }
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
  const feed = await googleFeed();
  if (!feed.includes(version.sha256))
    throw new Error("the Google feed does not list the new size chart");
  if (
    (feed.match(/<g:gender>female<\/g:gender>/g) ?? []).length <
      skusCount(coats) ||
    (feed.match(/<g:age_group>adult<\/g:age_group>/g) ?? []).length <
      skusCount(coats)
  )
    throw new Error("Google items lack the PIM's gender or age group");
  const skus = coats
    .flatMap((c) => c.variants.map((v) => v.sku))
    .filter(Boolean) as string[];
  if (
    !skus.every((sku) =>
      receiver.listings
        .get(sku)
        ?.images.additional.some((u) => u.includes(version.sha256)),
    )
  )
    throw new Error("a marketplace listing does not show the new size chart");
  const metaRows = parse(await (await fetch(metaFeedUrl)).text(), {
    columns: true,
  }) as {
    id: string;
    image_link: string;
    additional_image_link: string;
    gender: string;
    age_group: string;
  }[];
  if (
    !skus.every((sku) =>
      metaRows.some(
        (row) =>
          row.id === sku &&
          row.gender === "female" &&
          row.age_group === "adult" &&
          `${row.image_link},${row.additional_image_link}`.includes(
            version.sha256,
          ),
      ),
    )
  )
    throw new Error(
      "a Meta catalogue row does not show the new size chart, or lacks gender and age group",
    );

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
