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

/** What the marketplace did with each listing sent: those it refused (why) and those it could not take now. */
export interface SendOutcome {
  /** SKU → "HTTP n": refused for good (4xx), until the listing changes. */
  refused: Map<string, string>;
  /** SKUs answered 429 / 5xx: worth sending again. */
  unavailable: string[];
}

/**
 * Sends the listings, BATCH_ENTRIES per request, and answers per SKU. Idempotent per (sku, revision); a 409 (a
 * newer revision there) counts as done. Throws `Upstream` (retryable) only when a whole batch request fails.
 */
export async function sendListings(
  endpoint: MarketplaceEndpoint,
  listings: readonly Listing[],
  options: PatchOptions = {},
): Promise<SendOutcome> {
  const outcome: SendOutcome = { refused: new Map(), unavailable: [] };
  for (const batch of chunks(listings, BATCH_ENTRIES)) {
    const answers = await sendBatch(
      endpoint,
      batch.map((listing) => ({ method: "patch", sku: listing.sku, listing })),
      options,
    );
    for (const a of answers) {
      if ((a.status >= 200 && a.status < 300) || a.status === 409) continue;
      if (a.status === 429 || a.status >= 500) outcome.unavailable.push(a.sku);
      else outcome.refused.set(a.sku, `HTTP ${a.status}`);
    }
  }
  return outcome;
}

/** Words naming the refused listings: "The marketplace refused listing A (HTTP 422), B (HTTP 400) and 3 more". */
export function refusedWords(refused: ReadonlyMap<string, string>): string {
  const named = [...refused].map(([sku, why]) => `${sku} (${why})`);
  return `The marketplace refused listing ${named.slice(0, 5).join(", ")}${named.length > 5 ? ` and ${named.length - 5} more` : ""}`;
}

/**
 * `sendListings` for a pair run: throws `Invalid` naming the SKUs the marketplace refused (4xx), `Upstream`
 * (retryable) for those it could not take.
 */
export async function patchListings(
  endpoint: MarketplaceEndpoint,
  listings: readonly Listing[],
  options: PatchOptions = {},
): Promise<void> {
  const { refused, unavailable } = await sendListings(
    endpoint,
    listings,
    options,
  );
  if (refused.size) throw new Invalid(refusedWords(refused));
  if (unavailable.length)
    throw new Upstream(
      `The marketplace did not accept ${unavailable.length} listing(s)`,
      true,
    );
}
