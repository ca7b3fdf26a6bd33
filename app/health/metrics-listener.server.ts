// A small HTTP listener for processes without a web server (the worker): GET /metrics (Prometheus text, bearer
// token when METRICS_TOKEN is set) and GET /healthz. Bound to METRICS_HOST (127.0.0.1 unless configured).
import { createServer, type Server } from "node:http";
import { bearerMatches } from "~/lib/bearer.server";
import { logger } from "~/lib/logger.server";
import { processMetrics } from "./metrics.server";

export interface MetricsListener {
  port: number;
  close(): Promise<void>;
}

export async function startMetricsListener(options: {
  port: number;
  host: string;
  token?: string;
}): Promise<MetricsListener> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (
      request.method !== "GET" ||
      (path !== "/metrics" && path !== "/healthz")
    ) {
      response.writeHead(404).end("Not Found");
      return;
    }
    if (path === "/healthz") {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.end('{"status":"ok"}');
      return;
    }
    if (
      options.token &&
      !bearerMatches(request.headers.authorization, options.token)
    ) {
      response.writeHead(401, { "WWW-Authenticate": 'Bearer realm="metrics"' });
      response.end("Unauthorized");
      return;
    }
    processMetrics().then(
      ({ contentType, body }) => {
        response.writeHead(200, { "Content-Type": contentType });
        response.end(body);
      },
      (error: unknown) => {
        logger.error({ err: error }, "metrics failed");
        response.writeHead(500).end("metrics failed");
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : options.port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
