// When some pairs of a chaos run do not converge: what the engine's tables, the queues and the workers' logs say about
// them, written to a folder for a human to read.
import { mkdirSync, writeFileSync } from "node:fs";
import { SHOP, type ChaosWorld } from "./world";

/** What the engine's tables, the queues and the workers' logs say about the pairs that did not converge. */
export async function writeDiagnosis(
  world: ChaosWorld,
  dir: string,
  missed: string[],
  say: (message: string) => void,
) {
  const { default: db } = await import("~/db.server");
  const { getQueue } = await import("~/jobs/queues.server");
  const { products, workers } = world;
  mkdirSync(dir, { recursive: true });
  const handles = new Set(missed.map((line) => line.split(/[/ ]/)[0]!));
  const ids = products.filter((p) => handles.has(p.handle)).map((p) => p.id);
  const states = await db.syncState.findMany({
    where: { shop: SHOP, productId: { in: ids } },
  });
  const hops = await db.syncHop.findMany({
    where: { shop: SHOP, productId: { in: ids }, endedAt: null },
  });
  const outbox = await db.outbox.findMany({
    where: { shop: SHOP, relayedAt: null },
  });
  const jobs: unknown[] = [];
  for (const queue of [
    "sync",
    "sync-storefront",
    "sync-feeds",
    "sync-marketplace",
  ] as const)
    for (const job of await getQueue(queue).getJobs())
      if (ids.some((id) => job.id?.includes(id)))
        jobs.push({
          queue,
          id: job.id,
          state: await job.getState(),
          data: job.data as unknown,
          attemptsMade: job.attemptsMade,
          failedReason: job.failedReason,
          delay: job.delay,
          timestamp: job.timestamp,
        });
  writeFileSync(
    `${dir}/state.json`,
    JSON.stringify(
      { missed, products: ids, states, hops, outbox, jobs },
      null,
      2,
    ),
  );
  workers.forEach((worker, i) =>
    writeFileSync(
      `${dir}/worker-${i}.log`,
      worker.lines.map((line) => JSON.stringify(line)).join("\n"),
    ),
  );
  say(`diagnosis of ${ids.length} products written to ${dir}`);
}
