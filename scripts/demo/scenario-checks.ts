// The demo's independent checks of "live": after the replacement wave, what a shopper (the emulator's storefront
// view), Google (the feed), the marketplace (its received listings) and Meta (the CSV feed) see now. Plus the two
// small tools the scenario measures with: a bounded poll and a percentile.
import { parse } from "csv-parse/sync";
import type { MarketplaceReceiver } from "../../emulator/marketplace/receiver.ts";
import type { Coat } from "./scenario-shop.ts";

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

/** Polls `probe` until `ok` holds; throws after `timeoutMs` naming `what` it waited for. */
export async function until<T>(
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

const skusCount = (coats: { variants: { sku: string | null }[] }[]) =>
  coats.reduce((n, c) => n + c.variants.filter((v) => v.sku).length, 0);

export interface ReplacementSeen {
  shop: string;
  emulatorUrl: string;
  coats: Coat[];
  chartId: string;
  /** The SHA-256 of the new size chart's version: the feeds' image URLs carry it. */
  sha256: string;
  receiver: MarketplaceReceiver;
  metaFeedUrl: string;
  googleFeed: () => Promise<string>;
}

/** Throws unless every channel shows the new size chart (and the feeds carry the PIM's gender and age group). */
export async function checkReplacementSeen(o: ReplacementSeen): Promise<void> {
  const { default: db } = await import("../../app/db.server.ts");
  const { shop, coats, sha256 } = o;
  const file = await db.shopifyFile.findUniqueOrThrow({
    where: { shop_assetId: { shop, assetId: o.chartId } },
  });
  for (const coat of coats) {
    const view = (await (
      await fetch(`${o.emulatorUrl}/products/${coat.handle}.js`, {
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
  const feed = await o.googleFeed();
  if (!feed.includes(sha256))
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
      o.receiver.listings
        .get(sku)
        ?.images.additional.some((u) => u.includes(sha256)),
    )
  )
    throw new Error("a marketplace listing does not show the new size chart");
  const metaRows = parse(await (await fetch(o.metaFeedUrl)).text(), {
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
          `${row.image_link},${row.additional_image_link}`.includes(sha256),
      ),
    )
  )
    throw new Error(
      "a Meta catalogue row does not show the new size chart, or lacks gender and age group",
    );
}
