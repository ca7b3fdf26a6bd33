// What a process holds open (Redis connections of queues, the bucket mirror and locks; the database pool), closed
// once on graceful shutdown after the last request or job finished.
import db from "~/db.server";
import { closeLocks } from "~/sync/locks.server";
import { closeQueues } from "~/jobs/queues.server";
import { closeShopBuckets } from "~/shopify/throttle-bucket.server";

export async function closeResources(): Promise<void> {
  await closeQueues();
  await closeShopBuckets();
  await closeLocks();
  await db.$disconnect();
}
