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
