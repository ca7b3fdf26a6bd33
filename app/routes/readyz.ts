// GET /readyz — readiness for load balancers and the demo: 200 when the database, Redis and storage answer,
// 503 otherwise or once the process is shutting down. The body names each check's state, never an error text.
import { json } from "@remix-run/node";
import { readiness } from "~/health/readiness.server";

export const loader = async () => {
  const result = await readiness();
  return json(
    {
      status: result.ready
        ? "ready"
        : result.stopping
          ? "stopping"
          : "unavailable",
      ...result.checks,
    },
    {
      status: result.ready ? 200 : 503,
      headers: { "Cache-Control": "no-store" },
    },
  );
};
