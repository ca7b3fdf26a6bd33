// Per-shop fault injection for reliability tests: latency, HTTP 5xx, THROTTLED bursts, userErrors on chosen
// mutations, failed media processing. Randomness is seeded so a failing test can be replayed.

export interface Faults {
  /** Extra latency before every Admin API answer. */
  latencyMs?: number;
  /** Probability (0..1) that an Admin API request answers HTTP 502/503 without doing anything. */
  serverErrorRate?: number;
  /** The next N Admin API requests answer HTTP 502. */
  serverErrorNext?: number;
  /** Probability (0..1) that a request is answered THROTTLED regardless of the bucket. */
  throttleRate?: number;
  /** The next N Admin API requests are answered THROTTLED. */
  throttleNext?: number;
  /** Mutation name → userErrors it answers with (without doing anything), for `times` calls (default: always). */
  userErrors?: Record<
    string,
    {
      errors: { field?: string[]; message: string; code?: string }[];
      times?: number;
    }
  >;
  /**
   * Probability (0..1) that a mutation is carried out and its answer then lost (HTTP 502 after the work is
   * done), as when a connection drops on the way back. The client cannot tell it from a 502 that did nothing.
   */
  lostResponseRate?: number;
  /** The next N mutations are carried out and answered HTTP 502. */
  lostResponseNext?: number;
  /** The next N media processings end FAILED. */
  failMedia?: number;
  /** Deliver every webhook twice (Shopify does so occasionally). */
  duplicateWebhooks?: boolean;
  /** Bulk mutations: chosen JSONL lines answer userErrors instead of running, or the operation stops FAILED. */
  bulkMutation?: BulkMutationFault;
}

export interface BulkMutationFault {
  /** 0-based line numbers answered with userErrors (nothing is written for them). */
  failLines?: number[];
  /** Lines whose variables contain one of these strings (a product id…) are answered with userErrors. */
  failIds?: string[];
  message?: string;
  code?: string;
  /** The operation stops FAILED (INTERNAL_SERVER_ERROR) after this many lines; what ran is at partialDataUrl. */
  stopAfterLines?: number;
  /** How many bulk mutations the fault applies to (default: every one). */
  times?: number;
}

/** mulberry32: a small deterministic PRNG. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
