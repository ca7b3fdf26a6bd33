// GET /healthz — liveness: the process runs and serves requests. No database, Redis or storage call, so a slow
// dependency never gets a healthy process restarted; /readyz says whether it can do useful work.
import { json } from "@remix-run/node";

export const loader = () =>
  json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
