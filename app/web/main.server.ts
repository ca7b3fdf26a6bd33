// `npm start`: serves the production build (`npm run build`) over HTTP. On SIGTERM/SIGINT it stops accepting
// connections, lets in-flight requests finish (webhooks must be answered, not dropped) and exits.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { installGlobals, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { logger } from "~/lib/logger.server";

// The build runs with v3_singleFetch off, which expects Remix's fetch globals (as remix-serve installs them).
installGlobals();

const SHUTDOWN_GRACE_MS = 10_000;
const port = Number(process.env.PORT ?? 3000);
const buildPath = path.resolve(
  process.env.REMIX_BUILD ?? "build/server/index.js",
);
const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
app.use(compression());
// Fingerprinted assets are immutable; everything else in public/ is cached briefly.
app.use(
  build.publicPath,
  express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }),
);
app.use(express.static("public", { maxAge: "1h" }));
const handleRequest = createRequestHandler({
  build,
  mode: process.env.NODE_ENV,
});
app.all("*", (req, res, next) => {
  handleRequest(req, res, next).catch(next);
});

const server = app.listen(port, () => {
  logger.info({ port }, "web started");
});

function shutdown(signal: string) {
  logger.info({ signal }, "web stopping");
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
}
process.once("SIGTERM", () => shutdown("SIGTERM"));
process.once("SIGINT", () => shutdown("SIGINT"));
