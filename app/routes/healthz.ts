import { json } from "@remix-run/node";
import { pingDatabase } from "~/health/health.db.server";
import { pingQueue } from "~/jobs/queues.server";

// Liveness and readiness for load balancers and the demo: 200 when the database and Redis answer, else 503.
export const loader = async () => {
  const [database, queue] = await Promise.allSettled([
    pingDatabase(),
    pingQueue(),
  ]);
  const status = (result: PromiseSettledResult<void>) =>
    result.status === "fulfilled"
      ? "ok"
      : String((result.reason as Error).message);
  const body = { database: status(database), queue: status(queue) };
  const healthy =
    database.status === "fulfilled" && queue.status === "fulfilled";
  return json(body, {
    status: healthy ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
};
