// What the replacement cost in Shopify Admin API calls, as the store emulator answered them: the operations it
// ran and the points it spent, and how full the shop's bucket (Standard: 2,000 points, 100 a second) was when the
// replacement began — the storefront's share of replace-to-live is mostly waiting for that bucket.
interface AdminApiUse {
  operations: Record<string, number>;
  pointsSpent: number;
  bucket: { currentlyAvailable: number; maximumAvailable: number };
}

export async function adminApiUse(
  emulatorUrl: string,
  shop: string,
): Promise<AdminApiUse> {
  const response = await fetch(
    `${emulatorUrl}/__emulator/admin-api?shop=${encodeURIComponent(shop)}`,
  );
  if (!response.ok)
    throw new Error(
      `the emulator's admin-api report answered ${response.status}`,
    );
  return (await response.json()) as AdminApiUse;
}

/** One line: points spent between the two reports, the bucket at the first, the busiest operations. */
export function describeAdminApiUse(
  before: AdminApiUse,
  after: AdminApiUse,
): string {
  const calls = Object.entries(after.operations)
    .map(([name, n]) => [name, n - (before.operations[name] ?? 0)] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  const total = calls.reduce((sum, [, n]) => sum + n, 0);
  return (
    `Admin API during the replacement: ${total} calls, ${Math.round(after.pointsSpent - before.pointsSpent)} points ` +
    `(the bucket held ${Math.round(before.bucket.currentlyAvailable)} of ${before.bucket.maximumAvailable} when it began; ` +
    `this includes the background work still running) — ${calls
      .slice(0, 6)
      .map(([name, n]) => `${name} ×${n}`)
      .join(", ")}`
  );
}

/**
 * Waits (up to `timeoutMs`) until the shop's bucket is nearly full again: the first publish of a dozen products
 * spends it to the bottom, and a merchant's next change comes later than the next second. Returns the bucket's
 * level when the wait began and how long it took, for the demo to say.
 */
export async function awaitRefilledBucket(
  emulatorUrl: string,
  shop: string,
  timeoutMs = 90_000,
): Promise<{ from: number; waitedMs: number; full: boolean }> {
  const started = Date.now();
  const first = await adminApiUse(emulatorUrl, shop);
  let { currentlyAvailable, maximumAvailable } = first.bucket;
  while (
    currentlyAvailable < 0.95 * maximumAvailable &&
    Date.now() - started < timeoutMs
  ) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    ({ currentlyAvailable, maximumAvailable } = (
      await adminApiUse(emulatorUrl, shop)
    ).bucket);
  }
  return {
    from: first.bucket.currentlyAvailable,
    waitedMs: Date.now() - started,
    full: currentlyAvailable >= 0.95 * maximumAvailable,
  };
}
