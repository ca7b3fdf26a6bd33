// The readiness board of a launch: per product × channel, PIM completeness (the stored ProductCompleteness), the
// channel's required shots (shots.ts) among the product's approved, licensed images, the main image's size, and
// the pre-flight results of the renditions staging made. Blockers group what stops products, with the fix in
// words ("3 coats lack a back view").
import { CHANNELS, channelKinds, type ChannelKind } from "~/channels/kinds";
import db from "~/db.server";
import { missingColumn } from "~/pim/completeness";
import { licensed } from "~/sync/canonical";
import { describeFailure, preflightColumn } from "~/sync/preflight";
import type { LaunchChannelState, ShotType } from "./launch.schema";
import { SHOT_REQUIREMENTS, shotsOfLink } from "./shots";

export interface ProductChannelReadiness {
  channel: ChannelKind;
  state: LaunchChannelState;
  /** Whether nothing blocks it (every check below passes). */
  ready: boolean;
  /** PIM completeness on the channel, 0–100 (null when never computed: no family). */
  completeness: number | null;
  /** Attribute keys still missing for this channel. */
  missingAttributes: string[];
  /** Required shot types (shots.ts SHOT_REQUIREMENTS) without an approved image. */
  missingShots: ShotType[];
  /** The main image is below the channel's minimum size (or there is no main image). */
  mainImageTooSmall: boolean;
  /** Pre-flight failures of the product's renditions for this channel (made during staging). */
  preflightFailures: string[];
  /** When it was observed live on the channel (never an intent). */
  liveAt: Date | null;
  /** Why go-live failed for it, after retries. */
  error: string | null;
  /**
   * Live at go-live, then observed off the channel by the sync engine's read (the product drafted, archived or
   * unpublished in Shopify, out of the feed, the listing withdrawn): the board must not keep saying live. `at` is
   * that read's time. Null otherwise.
   */
  observedOff: { at: Date; reason: string | null } | null;
}

export interface LaunchProductRow {
  /** Our Product id (links to /app/products/:id). */
  productId: string;
  shopifyId: string;
  handle: string;
  title: string;
  productType: string | null;
  /** Shopify status as mirrored: DRAFT / UNLISTED while embargoed, ACTIVE after go-live. */
  status: string;
  /** The UNLISTED preview's link (Shopify's onlineStoreUrl) while previewed before go-live; null otherwise. */
  previewUrl: string | null;
  channels: ProductChannelReadiness[];
}

/**
 * A pair that went live, then was observed off the channel: its sync state is NOT_LISTED (the engine's read found
 * the product not shown: drafted, archived or unpublished in Shopify, out of the feed, the listing withdrawn) from a
 * read after the pair's live time; staging's "hidden" reads came before go-live and do not count. BLOCKED and
 * FAILED are not reads of the channel (a refused image, a run that did not get through) and say nothing here.
 */
function observedOffAfterLive(
  pair: { state: string; liveAt: Date | null } | undefined,
  sync:
    | { status: string; reason: string | null; observedAt: Date | null }
    | undefined,
): ProductChannelReadiness["observedOff"] {
  if (pair?.state !== "LIVE" || !pair.liveAt || !sync?.observedAt) return null;
  if (sync.status !== "NOT_LISTED" || sync.observedAt <= pair.liveAt)
    return null;
  return { at: sync.observedAt, reason: sync.reason };
}

/** Readiness of the given products of a launch (all of them when `productIds` is omitted), ordered by title. */
export async function launchReadiness(
  shop: string,
  launchId: string,
  productIds?: readonly string[],
  now = new Date(),
): Promise<LaunchProductRow[]> {
  const rows = await db.launchProduct.findMany({
    where: {
      shop,
      launchId,
      ...(productIds ? { productId: { in: [...productIds] } } : {}),
    },
    select: {
      productId: true,
      previewUrl: true,
      channels: {
        select: { channel: true, state: true, liveAt: true, error: true },
      },
      product: {
        select: {
          shopifyId: true,
          handle: true,
          title: true,
          productType: true,
          status: true,
          completeness: {
            select: { channel: true, percent: true, missing: true },
          },
          syncStates: {
            select: {
              channel: true,
              status: true,
              reason: true,
              observedAt: true,
            },
          },
          assetLinks: {
            orderBy: [{ position: "asc" }, { id: "asc" }],
            select: {
              role: true,
              variantId: true,
              asset: {
                select: {
                  validFrom: true,
                  validUntil: true,
                  tags: { select: { tag: true } },
                  currentVersion: {
                    select: { id: true, width: true, height: true },
                  },
                },
              },
            },
          },
        },
      },
    },
  });
  const versionIds = rows.flatMap((r) =>
    r.product.assetLinks.flatMap((l) =>
      l.asset.currentVersion ? [l.asset.currentVersion.id] : [],
    ),
  );
  const renditions = await db.rendition.findMany({
    where: { shop, versionId: { in: [...new Set(versionIds)] } },
    select: { versionId: true, profileId: true, preflight: true },
  });
  const preflightOf = (versionId: string, channel: ChannelKind) =>
    renditions
      .filter(
        (r) =>
          r.versionId === versionId &&
          r.profileId.startsWith(CHANNELS[channel].profile.id),
      )
      .flatMap((r) => preflightColumn(r.preflight).failures);

  return rows
    .map((row) => {
      const links = row.product.assetLinks.filter(
        (l) => l.asset.currentVersion && licensed(l.asset, now),
      );
      const shots = new Set(
        links.flatMap((l) =>
          shotsOfLink(
            l.role,
            l.asset.tags.map((t) => t.tag),
          ),
        ),
      );
      // The main image: the first product-level front view, else the first image at all.
      const main =
        links.find((l) => l.variantId === "" && l.role === "FRONT") ?? links[0];
      const channels = channelKinds.map((channel) => {
        const pair = row.channels.find((c) => c.channel === channel);
        const completeness = row.product.completeness.find(
          (c) => c.channel === channel,
        );
        const requirement = SHOT_REQUIREMENTS[channel];
        const version = main?.asset.currentVersion;
        const longSide = Math.max(version?.width ?? 0, version?.height ?? 0);
        const shortSide = Math.min(version?.width ?? 0, version?.height ?? 0);
        const missingAttributes = completeness
          ? [
              ...new Set(
                missingColumn(completeness.missing).map((m) => m.attribute),
              ),
            ]
          : [];
        const missingShots = requirement.shots.filter((s) => !shots.has(s));
        const mainImageTooSmall =
          !version ||
          longSide < requirement.mainMinLongSide ||
          shortSide < requirement.mainMinShortSide;
        const preflightFailures = [
          ...new Set(
            links.flatMap((l) =>
              preflightOf(l.asset.currentVersion!.id, channel).map(
                describeFailure,
              ),
            ),
          ),
        ];
        return {
          channel,
          state: (pair?.state ?? "EXCLUDED") as LaunchChannelState,
          ready:
            (completeness?.percent ?? 100) === 100 &&
            missingShots.length === 0 &&
            !mainImageTooSmall &&
            preflightFailures.length === 0,
          completeness: completeness?.percent ?? null,
          missingAttributes,
          missingShots,
          mainImageTooSmall,
          preflightFailures,
          liveAt: pair?.liveAt ?? null,
          error: pair?.error ?? null,
          observedOff: observedOffAfterLive(
            pair,
            row.product.syncStates.find((s) => s.channel === channel),
          ),
        };
      });
      return {
        productId: row.productId,
        shopifyId: row.product.shopifyId,
        handle: row.product.handle,
        title: row.product.title,
        productType: row.product.productType,
        status: row.product.status,
        previewUrl: row.previewUrl,
        channels,
      };
    })
    .sort(
      (a, b) =>
        a.title.localeCompare(b.title) ||
        a.productId.localeCompare(b.productId),
    );
}
