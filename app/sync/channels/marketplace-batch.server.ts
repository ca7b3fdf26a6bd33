// The marketplace connector's batch form: `POST {base}/listings:batch` (modelled on batch listings APIs such as
// Google's Content API custombatch), one signed request of up to 1,000 entries, each a get, patch or delete of
// one SKU with its own idempotency key, answered entry by entry. A season's go-live sends its 10,000 listings in
// ten requests instead of 10,000, and a product's read-back is one request instead of one per SKU. The whole
// request is retried with backoff on 429 / 5xx (every entry is idempotent); an entry's own refusal is its own.
import { Invalid, Upstream } from "~/lib/errors";
import { chunks } from "~/lib/chunks";
import {
  assertEndpointUrl,
  sendSigned,
  type Listing,
  type MarketplaceEndpoint,
  type MarketplaceView,
  type PatchOptions,
} from "./marketplace.server";

/** The marketplace's cap on entries per batch request. */
export const BATCH_ENTRIES = 1000;
/** Reads carry whole listings back: fewer per request keeps an answer well under the 1 MB response cap. */
const READS_PER_BATCH = 250;

type Entry =
  | { method: "get"; sku: string }
  | { method: "patch"; sku: string; listing: Listing };

interface EntryAnswer {
  batchId: number;
  sku: string;
  status: number;
  listing?: MarketplaceView;
}

function batchUrl(endpoint: MarketplaceEndpoint, options: PatchOptions): URL {
  const base = assertEndpointUrl(endpoint.url, options.policy);
  return new URL(
    "./listings:batch",
    base.href.endsWith("/") ? base : `${base.href}/`,
  );
}

async function sendBatch(
  endpoint: MarketplaceEndpoint,
  entries: readonly Entry[],
  options: PatchOptions,
): Promise<EntryAnswer[]> {
  const body = JSON.stringify({
    entries: entries.map((e, batchId) =>
      e.method === "get"
        ? { batchId, method: "get", sku: e.sku }
        : {
            batchId,
            method: "patch",
            sku: e.sku,
            listing: e.listing,
            idempotencyKey: `${e.sku}:${e.listing.revision}`,
          },
    ),
  });
  const response = await sendSigned(
    endpoint,
    { url: batchUrl(endpoint, options), method: "POST", body },
    options,
    {
      accepted: (status) => status >= 200 && status < 300,
      refused: "The marketplace refused a batch",
      unavailable: "The marketplace did not answer a batch",
    },
  );
  const parsed = JSON.parse(await response.text()) as {
    entries?: EntryAnswer[];
  };
  if (parsed.entries?.length !== entries.length)
    throw new Upstream("The marketplace answered a batch partly", true);
  return [...parsed.entries].sort((a, b) => a.batchId - b.batchId);
}

/** What the marketplace shows for each SKU (null: no listing). Throws `Upstream` (retryable). */
export async function readListings(
  endpoint: MarketplaceEndpoint,
  skus: readonly string[],
  options: PatchOptions = {},
): Promise<Map<string, MarketplaceView | null>> {
  const out = new Map<string, MarketplaceView | null>();
  for (const batch of chunks(skus, READS_PER_BATCH)) {
    const answers = await sendBatch(
      endpoint,
      batch.map((sku) => ({ method: "get", sku })),
      options,
    );
    for (const a of answers) {
      if (a.status !== 200 && a.status !== 404)
        throw new Upstream(
          `The marketplace did not answer for listing ${a.sku} (HTTP ${a.status})`,
          true,
        );
      out.set(a.sku, a.status === 200 ? (a.listing ?? null) : null);
    }
  }
  return out;
}

/**
 * Sends the listings, BATCH_ENTRIES per request. Idempotent per (sku, revision); a 409 (a newer revision there)
 * counts as done. Throws `Invalid` naming the SKUs the marketplace refused (4xx), `Upstream` (retryable) for 5xx.
 */
export async function patchListings(
  endpoint: MarketplaceEndpoint,
  listings: readonly Listing[],
  options: PatchOptions = {},
): Promise<void> {
  const refused: string[] = [];
  let unavailable = 0;
  for (const batch of chunks(listings, BATCH_ENTRIES)) {
    const answers = await sendBatch(
      endpoint,
      batch.map((listing) => ({ method: "patch", sku: listing.sku, listing })),
      options,
    );
    for (const a of answers) {
      if ((a.status >= 200 && a.status < 300) || a.status === 409) continue;
      if (a.status === 429 || a.status >= 500) unavailable += 1;
      else refused.push(`${a.sku} (HTTP ${a.status})`);
    }
  }
  if (refused.length)
    throw new Invalid(
      `The marketplace refused listing ${refused.slice(0, 5).join(", ")}${refused.length > 5 ? ` and ${refused.length - 5} more` : ""}`,
    );
  if (unavailable)
    throw new Upstream(
      `The marketplace did not accept ${unavailable} listing(s)`,
      true,
    );
}
