// The outbox relay: moves undispatched outbox rows to BullMQ (job id = outbox id, so a row relayed twice is one
// job) and then marks them dispatched. The worker sweeps continuously; the web process kicks a sweep right after
// a commit for low latency. If Redis is down, rows simply wait for the next sweep: nothing is lost.
import db from "~/db.server";
import { enqueue } from "~/jobs/enqueue.server";
import { logger } from "~/lib/logger.server";

const BATCH = 200;

/** Relays up to `limit` rows in commit order; returns how many were moved. Stops at the first Redis failure. */
export async function relayOutbox(limit = BATCH): Promise<number> {
  const rows = await db.outbox.findMany({
    where: { dispatchedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true, shop: true },
  });
  let moved = 0;
  for (const row of rows) {
    try {
      await enqueue(
        "sync.dispatch",
        { shop: row.shop, outboxId: row.id },
        { jobId: `outbox-${row.id}` },
      );
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
      data: { dispatchedAt: new Date() },
    });
    moved += 1;
  }
  return moved;
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
