// How long each job kind may run before the worker gives up on it. A job past its limit fails with a retryable
// error (its slot is freed at once; BullMQ retries it, or, for sync pair jobs, the reconciler queues the pair
// again) and its AbortSignal fires, so work that checks the signal stops too. Untrusted files are bounded more
// tightly where they are parsed (SVG drawing in a killed child process, sharp's timeout, the sandbox thread);
// these limits bound everything else. A missing job kind is a compile error.
import type { JobName } from "~/jobs/definitions";

const MINUTE = 60_000;

export const JOB_TIME_LIMITS_MS: Record<JobName, number> = {
  "shop.sync-details": 1 * MINUTE,
  "shop.erase": 15 * MINUTE,
  "product.refresh": 2 * MINUTE,
  "product.remove": 1 * MINUTE,
  "webhook-events.prune": 5 * MINUTE,
  "sync.dispatch": 3 * MINUTE,
  // A pair run may wait up to 3 minutes for the pair's lock, then push and read back.
  "sync.storefront": 8 * MINUTE,
  "sync.google": 5 * MINUTE,
  "sync.marketplace": 5 * MINUTE,
  "sync.meta": 5 * MINUTE,
  "sync.orphans": 10 * MINUTE,
  // Library renditions of one version: a few sharp pipelines, each with its own 20 s timeout.
  "dam.renditions": 3 * MINUTE,
  "dam.renditions-missing": 5 * MINUTE,
  "dam.spool-sweep": 5 * MINUTE,
  // A bulk operation on a large catalogue: Shopify may take a while to build the file.
  "catalogue.import": 60 * MINUTE,
  "catalogue.reconcile-all": 5 * MINUTE,
  // One paged read per market at 100 variants a page, at half the restore rate: 23 pages (~2½ minutes) for the
  // demo shop; 60 minutes holds ~180,000 points (60,000 variant × market prices on a standard plan).
  "market-prices.sync": 60 * MINUTE,
  // One product: a page per market.
  "product-market-prices.sync": 2 * MINUTE,
  "product-values.publish": 15 * MINUTE,
  "spreadsheet.import": 20 * MINUTE,
  // One product: a read per locale, a write per translated resource, a read back; swatches a few entries.
  "product-translations.publish": 5 * MINUTE,
  "product-swatches.write": 5 * MINUTE,
  // Launches: staging queues the season's pair jobs, then each wave renders its products' media and waits for its
  // bulk operations; go-live, preview and rollback wait for bulk operations over a season.
  // Reopening and queueing a season's pairs runs beside the thousands of link and approval dispatch jobs it
  // came with (bench:launch --products=500: past 10 minutes on a loaded machine).
  "launch.stage": 60 * MINUTE,
  // One wave: 250 products' storefront renditions and three bulk operations.
  "launch.stage-wave": 30 * MINUTE,
  "launch.go-live": 30 * MINUTE,
  "launch.observe": 1 * MINUTE,
  "launch.preview": 30 * MINUTE,
  "launch.end-preview": 30 * MINUTE,
  "launch.rollback": 30 * MINUTE,
};

export class TimeLimitExceeded extends Error {
  readonly retryable = true;
  constructor(name: string, limitMs: number) {
    super(`${name} ran past its time limit of ${Math.round(limitMs / 1000)} s`);
    this.name = "TimeLimitExceeded";
  }
}

/**
 * Runs `work` with a deadline: rejects with TimeLimitExceeded when it has not settled after `limitMs`, aborting
 * the signal it was given.
 */
export async function withTimeLimit<T>(
  name: string,
  limitMs: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new TimeLimitExceeded(name, limitMs);
      controller.abort(error);
      reject(error);
    }, limitMs);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
