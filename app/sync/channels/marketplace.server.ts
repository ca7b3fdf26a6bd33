// The marketplace connector: one signed JSON PATCH per SKU to the marketplace's listings endpoint (modelled on
// listings APIs such as Amazon SP-API's patchListingsItem), retried with exponential backoff on 429 and 5xx.
// The body is signed HMAC-SHA256 over `${timestamp}.${body}` with the channel's secret; the receiver rejects
// stale timestamps. `Idempotency-Key` and `revision` let the marketplace ignore replays and older updates.
import { createHmac } from "node:crypto";
import { Invalid, Upstream } from "~/lib/errors";
import {
  assertOutboundUrl,
  outboundFetch,
  type OutboundPolicy,
  type OutboundResponse,
} from "~/lib/outbound.server";
import type { Money } from "./feed-item";

export interface MarketplaceEndpoint {
  /** Base URL, e.g. https://api.marketplace.example/v1 (http only for localhost). */
  url: string;
  keyId: string;
  secret: string;
}

export interface Listing {
  sku: string;
  /** Monotonic per SKU: the marketplace keeps the highest it has seen. */
  revision: number;
  title: string;
  description: string;
  price: Money;
  attributes: Record<string, string | string[]>;
  images: { main: string; additional: string[] };
  /**
   * Whether shoppers of the marketplace see it (absent: active). A launch sends its listings inactive during the
   * embargo, so go-live only flips this flag.
   */
  active?: boolean;
}

export interface PatchOptions {
  /** The outbound policy (tests: a DNS stub, private addresses off). */
  policy?: OutboundPolicy;
  maxAttempts?: number;
  /** Base backoff; attempt n waits base × 2^(n-1) (or the server's Retry-After). */
  backoffMs?: number;
}

export function signBody(
  secret: string,
  timestamp: string,
  body: string,
): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** Checks the endpoint URL under the outbound policy (see lib/outbound.server.ts). Throws `Invalid`. */
export function assertEndpointUrl(
  url: string,
  policy: OutboundPolicy = {},
): URL {
  return assertOutboundUrl(url, policy);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One signed request to the marketplace, retried: a network failure, 408, 429 and 5xx wait (the server's
 * Retry-After, else base × 2^(n-1)) and try again; any other status `accepted` does not take throws `Invalid`
 * (`refused: HTTP n` — the status only: a body could echo anything, an internal page, into Activity); retries
 * used up throw `Upstream` (retryable, `unavailable: …`). Returns the accepted response, its body unread.
 */
export async function sendSigned(
  endpoint: MarketplaceEndpoint,
  request: {
    url: URL;
    method: string;
    body: string;
    headers?: Record<string, string>;
  },
  options: PatchOptions,
  words: {
    accepted: (status: number) => boolean;
    refused: string;
    unavailable: string;
  },
): Promise<OutboundResponse> {
  const maxAttempts = options.maxAttempts ?? 4;
  const backoff = options.backoffMs ?? 250;
  let lastFailure = "";
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const timestamp = String(Math.floor(Date.now() / 1000));
    let response: OutboundResponse;
    try {
      response = await outboundFetch(
        request.url,
        {
          method: request.method,
          body: request.body,
          headers: {
            "Content-Type": "application/json",
            ...request.headers,
            "X-Vitrine-Key-Id": endpoint.keyId,
            "X-Vitrine-Timestamp": timestamp,
            "X-Vitrine-Signature": signBody(
              endpoint.secret,
              timestamp,
              request.body,
            ),
          },
        },
        options.policy,
      );
    } catch (error) {
      if (!(error instanceof Upstream)) throw error;
      lastFailure = error.message;
      await sleep(backoff * 2 ** (attempt - 1));
      continue;
    }
    if (words.accepted(response.status)) return response;
    await response.discard();
    lastFailure = `HTTP ${response.status}`;
    if (
      response.status !== 429 &&
      response.status !== 408 &&
      response.status < 500
    )
      throw new Invalid(`${words.refused}: ${lastFailure}`);
    const retryAfter = Number(response.headers.get("retry-after"));
    await sleep(
      Number.isFinite(retryAfter) && retryAfter > 0
        ? retryAfter * 1000
        : backoff * 2 ** (attempt - 1),
    );
  }
  throw new Upstream(`${words.unavailable}: ${lastFailure}`, true);
}

/**
 * Sends one listing. Idempotent per (sku, revision). Throws `Invalid` when the marketplace refuses the listing
 * (4xx other than 408/409/429 — a permanent error to show the merchant), `Upstream` (retryable) when it stays
 * unavailable. A 409 (the marketplace already has a newer revision) counts as done.
 */
export async function patchListing(
  endpoint: MarketplaceEndpoint,
  listing: Listing,
  options: PatchOptions = {},
): Promise<{ status: number }> {
  const response = await sendSigned(
    endpoint,
    {
      url: listingUrl(endpoint, listing.sku, options.policy),
      method: "PATCH",
      body: JSON.stringify(listing),
      headers: { "Idempotency-Key": `${listing.sku}:${listing.revision}` },
    },
    options,
    {
      accepted: (status) => (status >= 200 && status < 300) || status === 409,
      refused: `The marketplace refused listing ${listing.sku}`,
      unavailable: `The marketplace did not accept listing ${listing.sku}`,
    },
  );
  await response.discard();
  return { status: response.status };
}

/** What the marketplace shows for a SKU (a listing's public view), or null when it has none. */
export interface MarketplaceView {
  sku: string;
  revision: number;
  title: string;
  description?: string;
  price: Money;
  attributes: Record<string, string | string[]>;
  images: { main: string; additional: string[] };
}

function listingUrl(
  endpoint: MarketplaceEndpoint,
  sku: string,
  policy?: OutboundPolicy,
): URL {
  const base = assertEndpointUrl(endpoint.url, policy);
  return new URL(
    `listings/${encodeURIComponent(sku)}`,
    base.href.endsWith("/") ? base : `${base.href}/`,
  );
}

function signedHeaders(
  endpoint: MarketplaceEndpoint,
  body: string,
  idempotencyKey?: string,
): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    "Content-Type": "application/json",
    ...(idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {}),
    "X-Vitrine-Key-Id": endpoint.keyId,
    "X-Vitrine-Timestamp": timestamp,
    "X-Vitrine-Signature": signBody(endpoint.secret, timestamp, body),
  };
}

/** Reads a SKU's listing back from the marketplace. Throws `Upstream` (retryable) when it cannot be read. */
export async function readListing(
  endpoint: MarketplaceEndpoint,
  sku: string,
  options: PatchOptions = {},
): Promise<MarketplaceView | null> {
  const response = await outboundFetch(
    listingUrl(endpoint, sku, options.policy),
    { method: "GET", headers: signedHeaders(endpoint, "") },
    options.policy,
  );
  if (response.status === 404) {
    await response.discard();
    return null;
  }
  if (!response.ok) {
    await response.discard();
    throw new Upstream(
      `The marketplace did not answer for listing ${sku} (HTTP ${response.status})`,
      true,
    );
  }
  try {
    return JSON.parse(await response.text()) as MarketplaceView;
  } catch (error) {
    if (error instanceof Upstream) throw error;
    throw new Upstream(
      `The marketplace answered for listing ${sku} with something that is not JSON.`,
      true,
    );
  }
}

/**
 * Withdraws a SKU's listing (the product lost its image, left Shopify's ACTIVE status or the SKU). Idempotent;
 * `revision` keeps an older update arriving late from bringing it back. Throws `Upstream` (retryable).
 */
export async function withdrawListing(
  endpoint: MarketplaceEndpoint,
  sku: string,
  revision: number,
  options: PatchOptions = {},
): Promise<void> {
  const body = JSON.stringify({ sku, revision });
  const response = await outboundFetch(
    listingUrl(endpoint, sku, options.policy),
    {
      method: "DELETE",
      body,
      headers: signedHeaders(endpoint, body, `${sku}:withdraw:${revision}`),
    },
    options.policy,
  );
  await response.discard();
  if (response.ok || response.status === 404) return;
  throw new Upstream(
    `The marketplace did not withdraw listing ${sku} (HTTP ${response.status})`,
    response.status >= 500 ||
      response.status === 429 ||
      response.status === 409,
  );
}
