// Near-duplicate candidates: a version's 64-bit perceptual hash is stored as four 16-bit bands, so "shares a band
// with this hash" is an indexed lookup; the caller then measures the real distance (pigeonhole: two hashes at
// distance ≤ 3 share at least one band).
import db from "~/db.server";
import type { Tx } from "./asset-audit.db.server";

/** Four 16-bit bands of a 64-bit hex hash. */
export function hashBands(phash: string): number[] {
  return [0, 1, 2, 3].map((i) => parseInt(phash.slice(i * 4, i * 4 + 4), 16));
}

/** Stores the bands of a new version's hash (nothing for files without one). */
export async function writeBands(
  tx: Tx,
  shop: string,
  versionId: string,
  phash: string | null,
) {
  if (!phash) return;
  await tx.assetPerceptualHashBand.createMany({
    data: hashBands(phash).map((value, band) => ({
      versionId,
      shop,
      band,
      value,
    })),
  });
}

/** Versions of the shop sharing a band with `phash`: candidates for a near-duplicate check. */
export async function findHashCandidates(shop: string, phash: string) {
  const rows = await db.assetPerceptualHashBand.findMany({
    where: {
      shop,
      OR: hashBands(phash).map((value, band) => ({ band, value })),
    },
    select: {
      version: { select: { assetId: true, phash: true, dominantColor: true } },
    },
    take: 500,
  });
  return rows.map((row) => row.version);
}
