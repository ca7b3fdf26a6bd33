// The outbox relay: puts undispatched outbox rows on BullMQ as `sync.dispatch` jobs. A row counts as dispatched
// only when the dispatcher has opened its hops (in the same transaction), not when it is queued: a row whose job
// was lost (Redis restarted without its data) is queued again after RELAY_AGAIN_MS with a new job id — unless that
// job is still waiting or running (a backlog, e.g. a season's 10,000 links: relaying again only deepens it). The worker
// sweeps continuously; the web process kicks a sweep right after a commit for low latency. If Redis is down,
// rows simply wait for the next sweep: nothing is lost.
import db from "~/db.server";
import { jobDefinitions } from "~/jobs/definitions";
import { enqueue } from "~/jobs/enqueue.server";
import { bullJobId, jobIdentity } from "~/jobs/job-ids";
import { getQueue } from "~/jobs/queues.server";
import { logger } from "~/lib/logger.server";

const BATCH = 200;
/** A relayed row not dispatched after this long is relayed again (its job may have been lost). */
export const RELAY_AGAIN_MS = 30_000;

/** Relays up to `limit` rows in commit order; returns how many were queued. Stops at the first Redis failure. */
export async function relayOutbox(
  limit = BATCH,
  now = new Date(),
): Promise<number> {
  const rows = await db.outbox.findMany({
    where: {
      dispatchedAt: null,
      OR: [
        { relayedAt: null },
        { relayedAt: { lt: new Date(now.getTime() - RELAY_AGAIN_MS) } },
      ],
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true, shop: true, relays: true },
  });
  let moved = 0;
  for (const row of rows) {
    try {
      if (await lastRelayQueued(row)) {
        // Not lost, only behind others: looked at again after RELAY_AGAIN_MS.
        await db.outbox.update({
          where: { id: row.id },
          data: { relayedAt: new Date() },
        });
        continue;
      }
      await enqueue("sync.dispatch", {
        shop: row.shop,
        outboxId: row.id,
        relay: row.relays,
      });
    } catch (error) {
      await db.outbox.update({
        where: { id: row.id },
        data: {
          attempts: { increment: 1 },
          lastError: (error as Error).message.slice(0, 500),
        },
      });
      logger.warn(
        { err: error, outboxId: row.id },
        "outbox relay: enqueue failed, will retry",
      );
      break;
    }
    await db.outbox.update({
      where: { id: row.id },
      data: { relayedAt: new Date(), relays: { increment: 1 } },
    });
    moved += 1;
  }
  return moved;
}

const QUEUED = new Set(["waiting", "active", "delayed", "prioritized"]);

/** Whether the row's last relay's job is still in its queue, waiting or running. */
async function lastRelayQueued(row: {
  id: string;
  shop: string;
  relays: number;
}): Promise<boolean> {
  if (row.relays === 0) return false;
  const identity = jobIdentity("sync.dispatch", {
    shop: row.shop,
    outboxId: row.id,
    relay: row.relays - 1,
  });
  if (!identity || !("jobId" in identity)) return false;
  const job = await getQueue(jobDefinitions["sync.dispatch"].queue).getJob(
    bullJobId(identity.jobId),
  );
  return Boolean(job && QUEUED.has(await job.getState()));
}

let running: Promise<number> | undefined;
let again = false;

/**
 * Starts a sweep now unless one is running (then one more runs after it). Never throws: a failure leaves rows
 * for the worker's periodic sweep.
 */
export function kickOutboxRelay(): Promise<number> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    let total = 0;
    try {
      do {
        again = false;
        let moved: number;
        do {
          moved = await relayOutbox();
          total += moved;
        } while (moved === BATCH);
      } while (again);
    } catch (error) {
      logger.warn({ err: error }, "outbox relay sweep failed");
    } finally {
      running = undefined;
    }
    return total;
  })();
  return running;
}

export interface RelayLoop {
  stop(): Promise<void>;
}

/** The worker's periodic sweep. */
export function startOutboxRelay(intervalMs = 500): RelayLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    await kickOutboxRelay();
    if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
  };
  timer = setTimeout(() => void tick(), 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
