// Small pure helpers every channel shares: a digest of canonical JSON (equal content, equal digest, whatever the
// key order) and the licence window of an asset.
import { createHash } from "node:crypto";

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object" && !(value instanceof Date))
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
}

/** sha256 of the value as canonical JSON (sorted keys). */
export function digestOf(value: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify(canonical(value)) ?? "null")
    .digest("hex");
}

/** Whether an asset's licence allows showing it at `now` (valid from / valid until, either open). */
export function licensed(
  asset: { validFrom: Date | null; validUntil: Date | null },
  now: Date,
): boolean {
  return (
    (!asset.validFrom || asset.validFrom <= now) &&
    (!asset.validUntil || asset.validUntil > now)
  );
}
