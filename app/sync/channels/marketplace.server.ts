// The marketplace connector: one signed JSON PATCH per SKU to the marketplace's listings endpoint (modelled on
// listings APIs such as Amazon SP-API's patchListingsItem), retried with exponential backoff on 429 and 5xx.
// The body is signed HMAC-SHA256 over `${timestamp}.${body}` with the channel's secret; the receiver rejects
// stale timestamps. `Idempotency-Key` and `revision` let the marketplace ignore replays and older updates.
import { createHmac } from "node:crypto";
import { Invalid, Upstream } from "~/lib/errors";
import type { Money } from "./google-feed";

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
}

export interface PatchOptions {
  fetch?: typeof fetch;
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

export function assertEndpointUrl(url: string): URL {
  const parsed = new URL(url);
  const local =
    parsed.hostname === "127.0.0.1" || parsed.hostname === "localhost";
  if (parsed.protocol !== "https:" && !(local && parsed.protocol === "http:")) {
    throw new Invalid("The marketplace endpoint must use HTTPS.", {
      url: ["must start with https://"],
    });
  }
  return parsed;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
  const base = assertEndpointUrl(endpoint.url);
  const url = new URL(
    `listings/${encodeURIComponent(listing.sku)}`,
    base.href.endsWith("/") ? base : `${base.href}/`,
  );
  const body = JSON.stringify(listing);
  const maxAttempts = options.maxAttempts ?? 4;
  const backoff = options.backoffMs ?? 250;
  let lastFailure = "";
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const timestamp = String(Math.floor(Date.now() / 1000));
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(url, {
        method: "PATCH",
        body,
        headers: {
          "Content-Type": "application/json",
          "Idempotency-Key": `${listing.sku}:${listing.revision}`,
          "X-Vitrine-Key-Id": endpoint.keyId,
          "X-Vitrine-Timestamp": timestamp,
          "X-Vitrine-Signature": signBody(endpoint.secret, timestamp, body),
        },
      });
    } catch (error) {
      lastFailure = (error as Error).message;
      await sleep(backoff * 2 ** (attempt - 1));
      continue;
    }
    if (response.ok || response.status === 409) {
      await response.body?.cancel();
      return { status: response.status };
    }
    const text = await response.text();
    lastFailure = `HTTP ${response.status}: ${text.slice(0, 200)}`;
    if (
      response.status !== 429 &&
      response.status !== 408 &&
      response.status < 500
    ) {
      throw new Invalid(
        `The marketplace refused listing ${listing.sku}: ${lastFailure}`,
      );
    }
    const retryAfter = Number(response.headers.get("retry-after"));
    await sleep(
      Number.isFinite(retryAfter) && retryAfter > 0
        ? retryAfter * 1000
        : backoff * 2 ** (attempt - 1),
    );
  }
  throw new Upstream(
    `The marketplace did not accept listing ${listing.sku}: ${lastFailure}`,
    true,
  );
}
