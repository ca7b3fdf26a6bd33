// The 360° spin a product shows on the storefront (issue #15): the first linked asset whose current version is a
// spin, with its ordered frames.
import { spinFramesOf, type SpinFrame } from "~/dam/spin.server";
import db from "~/db.server";

export interface DesiredSpin {
  assetId: string;
  frames: SpinFrame[];
}

/** The spin among these current versions (in link order), or null. */
export async function desiredSpin(
  shop: string,
  assets: readonly { assetId: string; versionId: string }[],
): Promise<DesiredSpin | null> {
  if (assets.length === 0) return null;
  const versions = await db.assetVersion.findMany({
    where: { shop, id: { in: assets.map((a) => a.versionId) } },
    select: { id: true, media: true },
  });
  const framesOf = new Map(versions.map((v) => [v.id, spinFramesOf(v.media)]));
  for (const asset of assets) {
    const frames = framesOf.get(asset.versionId) ?? [];
    if (frames.length) return { assetId: asset.assetId, frames };
  }
  return null;
}

/**
 * For the orphan sweep: these assets (ids as spin frame names carry them), whether any product still links them,
 * when they last changed (a new version approved) and their current version's frames.
 */
export async function spinAssetsForOrphanCheck(
  shop: string,
  assetIds: readonly string[],
) {
  const assets = await db.asset.findMany({
    where: { shop, id: { in: [...assetIds] } },
    select: {
      id: true,
      updatedAt: true,
      currentVersion: { select: { media: true } },
      _count: { select: { links: true } },
    },
  });
  return assets.map((a) => ({
    assetId: a.id,
    updatedAt: a.updatedAt,
    linked: a._count.links > 0,
    frames: spinFramesOf(a.currentVersion?.media ?? null),
  }));
}
