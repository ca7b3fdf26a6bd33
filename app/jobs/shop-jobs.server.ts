// A shop's queued work, for shop erase: once a shop is erased, nothing queued for it may run and recreate rows
// or files. Jobs already running finish on their own; their writes are guarded where they write (see
// dam/renditions.server.ts), and a job that starts later finds no rows of the shop.
import { logger } from "~/lib/logger.server";
import { queueNames } from "./definitions";
import { getQueue } from "./queues.server";

const PAGE = 500;

/**
 * Removes every waiting, delayed, prioritised or paused job whose payload names `shop`, on every queue.
 * Idempotent. Returns how many were removed. Active jobs (the erase itself among them) are left alone.
 */
export async function removeQueuedShopJobs(shop: string): Promise<number> {
  let removed = 0;
  for (const name of queueNames) {
    const queue = getQueue(name);
    let start = 0;
    for (;;) {
      const jobs = await queue.getJobs(
        ["waiting", "delayed", "prioritized", "paused", "waiting-children"],
        start,
        start + PAGE - 1,
      );
      let kept = 0;
      for (const job of jobs) {
        if ((job?.data as { shop?: unknown } | undefined)?.shop !== shop) {
          kept += 1;
          continue;
        }
        try {
          await job.remove();
          removed += 1;
        } catch (error) {
          // It became active meanwhile (locked): it runs against a shop without rows.
          logger.info(
            { err: error, jobId: job.id },
            "queued job of an erased shop already started",
          );
          kept += 1;
        }
      }
      if (jobs.length < PAGE) break;
      // Removed jobs leave the list: the next page starts after the ones kept.
      start += kept;
    }
  }
  return removed;
}
