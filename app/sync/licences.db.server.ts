// Licences on every channel. The desired state of every channel already leaves out an asset outside its licence
// window (canonical.ts `licensed`), but nothing changes on our side when a window opens or closes — time passes.
// This sweep (every reconciler recovery tick, in every worker) finds assets whose `valid until` or `valid from`
// has passed since their linked products last changed, and announces it as an outbox event: dispatch opens a
// WITHDRAWAL (expired) or PUBLISH (now valid) hop per linked product × channel, so the next approved image for
// the role takes the expired one's place — or the image is removed and the channel says why — within one sweep,
// and Activity shows it. Idempotent across processes: dispatch bumps the pairs' `changedAt` past the boundary, and
// a boundary with an event still waiting is not announced twice.
import db from "~/db.server";
import { writeOutboxEvent } from "~/outbox/outbox.db.server";

/** Boundaries older than this are not looked at again (an asset that expired last month has been handled). */
const LOOKBACK_MS = 7 * 24 * 3600_000;

export type LicenceBoundary = "expired" | "started";

export interface LicenceChange {
  shop: string;
  assetId: string;
  boundary: LicenceBoundary;
  at: Date;
}

/** Assets of any shop whose licence window opened or closed since their linked products' pairs last changed. */
export async function crossedLicenceBoundaries(
  now = new Date(),
): Promise<LicenceChange[]> {
  const since = new Date(now.getTime() - LOOKBACK_MS);
  const assets = await db.asset.findMany({
    where: {
      links: { some: {} },
      OR: [
        { validUntil: { gt: since, lte: now } },
        { validFrom: { gt: since, lte: now } },
      ],
    },
    select: { id: true, shop: true, validFrom: true, validUntil: true },
    take: 500,
  });
  const changes: LicenceChange[] = [];
  for (const asset of assets) {
    // The latest boundary passed decides (a window that opened and closed since is simply closed).
    const passed = [
      asset.validUntil && asset.validUntil <= now
        ? { boundary: "expired" as const, at: asset.validUntil }
        : null,
      asset.validFrom && asset.validFrom <= now
        ? { boundary: "started" as const, at: asset.validFrom }
        : null,
    ]
      .filter((b) => b !== null && b.at > since)
      .sort((a, b) => b!.at.getTime() - a!.at.getTime());
    const latest = passed[0];
    if (!latest) continue;
    const behind = await db.syncState.count({
      where: {
        shop: asset.shop,
        changedAt: { lt: latest.at },
        product: { assetLinks: { some: { assetId: asset.id } } },
      },
    });
    if (behind === 0) continue;
    const waiting = await db.outbox.count({
      where: {
        shop: asset.shop,
        topic: "asset.licence-changed",
        aggregateId: asset.id,
        dispatchedAt: null,
      },
    });
    if (waiting > 0) continue;
    changes.push({ shop: asset.shop, assetId: asset.id, ...latest });
  }
  return changes;
}

/** Announces every crossed licence boundary (see the file comment); returns them. */
export async function announceLicenceChanges(
  now = new Date(),
): Promise<LicenceChange[]> {
  const changes = await crossedLicenceBoundaries(now);
  for (const change of changes)
    await writeOutboxEvent(db, {
      shop: change.shop,
      topic: "asset.licence-changed",
      aggregateId: change.assetId,
      payload: {
        assetId: change.assetId,
        boundary: change.boundary,
        at: change.at.toISOString(),
      },
    });
  return changes;
}

/**
 * The shop's assets in use whose licence ends within `days`, soonest first (at most 50), with the products they are
 * linked to and, of those, the products the expiry leaves without any image: no other approved asset linked to
 * them is still licensed at the end of the window. Read-only.
 */
export async function expiringAssets(
  shop: string,
  days = 14,
  now = new Date(),
) {
  const end = new Date(now.getTime() + days * 86400_000);
  const assets = await db.asset.findMany({
    where: { shop, validUntil: { gt: now, lte: end }, links: { some: {} } },
    select: {
      id: true,
      title: true,
      validUntil: true,
      links: {
        select: { product: { select: { id: true, title: true } } },
        distinct: ["productId"],
      },
    },
    orderBy: { validUntil: "asc" },
    take: 50,
  });
  const productIds = [
    ...new Set(assets.flatMap((a) => a.links.map((l) => l.product.id))),
  ];
  // Which other assets still show on each product once the window has passed.
  const lasting = await db.assetLink.findMany({
    where: {
      shop,
      productId: { in: productIds },
      asset: {
        status: "APPROVED",
        AND: [
          { OR: [{ validFrom: null }, { validFrom: { lte: end } }] },
          { OR: [{ validUntil: null }, { validUntil: { gt: end } }] },
        ],
      },
    },
    select: { productId: true },
    distinct: ["productId"],
  });
  const keepsAnImage = new Set(lasting.map((l) => l.productId));
  return assets.map((a) => {
    const products = a.links.map((l) => l.product);
    return {
      id: a.id,
      title: a.title,
      validUntil: a.validUntil!,
      products,
      leftWithoutImage: products.filter((p) => !keepsAnImage.has(p.id)),
    };
  });
}
