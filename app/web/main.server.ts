// `npm start`: serves the production build (`npm run build`) over HTTP. `npm run build` also compiles this file to
// build/node/web.js, so production starts with plain node (no TypeScript loader in the way of every import).
// On SIGTERM/SIGINT: /readyz answers 503 so the load balancer stops sending traffic, the server stops accepting
// connections, in-flight requests finish (webhooks must be answered, not dropped), then the build's Redis and
// database connections close and the process exits.
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  createRequestHandler,
  installGlobals,
  type ServerBuild,
} from "@remix-run/node";
import compression from "compression";
import express from "express";
import {
  checkEvictionPolicy,
  RedisEvictionPolicyError,
} from "~/jobs/redis.server";
import { markStopping } from "~/lib/lifecycle.server";
import { logger } from "~/lib/logger.server";
import { requestHandler } from "./request-handler.server";

// The build runs with v3_singleFetch off, which expects Remix's fetch globals (as remix-serve installs them).
installGlobals();

const SHUTDOWN_GRACE_MS = 10_000;
const started = performance.now();
const port = Number(process.env.PORT ?? 3000);
const buildPath = path.resolve(
  process.env.REMIX_BUILD ?? "build/server/index.js",
);

// A Redis that evicts keys loses queued jobs: refuse to start on one (checked while the build loads).
const [build] = await Promise.all([
  import(pathToFileURL(buildPath).href) as Promise<ServerBuild>,
  checkEvictionPolicy().then(
    (policy) => {
      if (policy !== "noeviction")
        logger.warn({ policy }, "could not check Redis' maxmemory-policy");
    },
    (error: unknown) => {
      if (!(error instanceof RedisEvictionPolicyError)) throw error;
      logger.fatal(error.message);
      process.exit(1);
    },
  ),
]);
const closeResources = (
  build.entry.module as { closeResources?: () => Promise<void> }
).closeResources;

const app = express();
app.disable("x-powered-by");
app.use(compression());
// Fingerprinted assets are immutable; everything else in public/ is cached briefly.
app.use(
  build.publicPath,
  express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }),
);
app.use(express.static("public", { maxAge: "1h" }));
// Body limits per route class are applied here, before a route reads its body (request-handler.server.ts).
const handleRequest = requestHandler(
  createRequestHandler(build, process.env.NODE_ENV),
);
app.all("*", (req, res, next) => {
  handleRequest(req, res, next).catch(next);
});

const server = app.listen(port, () => {
  logger.info(
    { port, startMs: Math.round(performance.now() - started) },
    "web started",
  );
});

function shutdown(signal: string) {
  const stopping = Date.now();
  logger.info({ signal }, "web stopping");
  markStopping();
  server.close(() => {
    void (closeResources?.() ?? Promise.resolve())
      .catch((error: unknown) =>
        logger.warn({ err: error }, "closing connections failed"),
      )
      .finally(() => {
        logger.info({ ms: Date.now() - stopping }, "web stopped");
        process.exit(0);
      });
  });
  server.closeIdleConnections();
  setTimeout(() => {
    logger.warn("requests still running after the grace period; exiting");
    process.exit(1);
  }, SHUTDOWN_GRACE_MS).unref();
}
process.once("SIGTERM", () => shutdown("SIGTERM"));
process.once("SIGINT", () => shutdown("SIGINT"));
