// Colour distance for the near-duplicate check (pure). "Redmean" weighted RGB distance: a cheap approximation of
// perceived difference, good enough to tell colourways apart (Black #1f1f1f and Navy #1f2a44 are ~66 apart; the
// same packshot re-encoded moves a few units).

/** Distance between two "#rrggbb" colours (0 = same; ~765 = black to white). */
export function colourDistance(a: string, b: string): number {
  const rgb = (hex: string) =>
    [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const [r1, g1, b1] = rgb(a) as [number, number, number];
  const [r2, g2, b2] = rgb(b) as [number, number, number];
  const mean = (r1 + r2) / 2;
  const [dr, dg, db] = [r1 - r2, g1 - g2, b1 - b2];
  return Math.sqrt(
    (2 + mean / 256) * dr * dr +
      4 * dg * dg +
      (2 + (255 - mean) / 256) * db * db,
  );
}

/**
 * Two images with a close dHash whose subjects differ by more than this are colourways, not duplicates. Measured
 * on the demo's packshots: a copy resized and re-encoded at JPEG quality 55 drifts ≤ 7; the two closest of the
 * twelve colourways (Forest and Charcoal) are 34 apart.
 */
export const COLOURWAY_DISTANCE = 18;
