// GET /metrics — Prometheus text format for this web process, shared queue and outbox gauges included. Only with
// "Authorization: Bearer $METRICS_TOKEN"; without METRICS_TOKEN configured the route does not exist (404).
// Workers serve the same on their own port (METRICS_PORT). README "Deploying" lists the metrics.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { env } from "~/env.server";
import { processMetrics } from "~/health/metrics.server";
import { bearerMatches } from "~/lib/bearer.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const token = env().METRICS_TOKEN;
  if (!token) return new Response("Not Found", { status: 404 });
  if (!bearerMatches(request.headers.get("authorization"), token))
    return new Response("Unauthorized", {
      status: 401,
      headers: { "WWW-Authenticate": 'Bearer realm="metrics"' },
    });
  const { contentType, body } = await processMetrics();
  return new Response(body, {
    headers: { "Content-Type": contentType, "Cache-Control": "no-store" },
  });
};
