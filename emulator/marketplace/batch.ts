// The marketplace's batch endpoint, `POST {base}/listings:batch`, modelled on batch listings APIs such as Google's
// Content API `products/custombatch`: one signed request carries up to 1,000 entries, each a `get`, `patch` or
// `delete` of one SKU with its own idempotency key, and the answer has one entry per request entry (same
// `batchId`) with that entry's own status — one entry refused does not fail the others. Faults (rate limit,
// unavailable, latency) apply to the batch request as a whole.
import type { MarketplaceReceiver, ReceivedListing } from "./receiver";

export const MAX_BATCH_ENTRIES = 1000;

interface BatchEntry {
  batchId: number;
  method: "get" | "patch" | "delete";
  sku: string;
  listing?: Omit<ReceivedListing, "receivedAt">;
  revision?: number;
  idempotencyKey?: string;
}

function entriesOf(body: string): BatchEntry[] | null {
  try {
    const parsed = JSON.parse(body) as { entries?: unknown };
    if (!Array.isArray(parsed.entries)) return null;
    const ok = parsed.entries.every(
      (e: Partial<BatchEntry>) =>
        typeof e?.batchId === "number" &&
        typeof e.sku === "string" &&
        ["get", "patch", "delete"].includes(e.method ?? ""),
    );
    return ok ? (parsed.entries as BatchEntry[]) : null;
  } catch {
    return null;
  }
}

/** Answers one batch request against the receiver's listings. */
export async function handleBatch(
  receiver: MarketplaceReceiver,
  request: Request,
  verify: (body: string) => boolean,
): Promise<Response> {
  if (request.method !== "POST")
    return new Response("Method Not Allowed", { status: 405 });
  receiver.requests.batch += 1;
  const { faults } = receiver;
  if (faults.latencyMs)
    await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
  if (faults.rateLimitNext && faults.rateLimitNext > 0) {
    faults.rateLimitNext -= 1;
    return Response.json(
      { error: "rate limited" },
      { status: 429, headers: { "Retry-After": "0" } },
    );
  }
  if (faults.failNext && faults.failNext > 0) {
    faults.failNext -= 1;
    return Response.json({ error: "unavailable" }, { status: 503 });
  }
  const body = await request.text();
  if (!verify(body))
    return Response.json(
      { error: "bad signature or stale timestamp" },
      { status: 401 },
    );
  const entries = entriesOf(body);
  if (!entries)
    return Response.json({ error: "malformed batch" }, { status: 400 });
  if (entries.length > MAX_BATCH_ENTRIES)
    return Response.json(
      { error: `at most ${MAX_BATCH_ENTRIES} entries per batch` },
      { status: 400 },
    );
  const answers = entries.map((entry) => {
    const key = entry.idempotencyKey ?? null;
    if (entry.method === "get") {
      const listing = receiver.listings.get(entry.sku);
      return listing
        ? { batchId: entry.batchId, sku: entry.sku, status: 200, listing }
        : { batchId: entry.batchId, sku: entry.sku, status: 404 };
    }
    const result =
      entry.method === "patch"
        ? receiver.patch(entry.sku, entry.listing!, key)
        : receiver.withdraw(entry.sku, { revision: entry.revision }, key);
    receiver.log.push({
      sku: entry.sku,
      status: result.status,
      at: Date.now(),
    });
    return {
      batchId: entry.batchId,
      sku: entry.sku,
      status: result.status,
      body: result.body,
    };
  });
  return Response.json({ entries: answers });
}
