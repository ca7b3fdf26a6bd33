// Kept only for app/routes/app.assets.upload.ts, which the hardening branch is rewriting: it re-exports the one
// route boundary (lib/http.server.ts). Delete this file once that route imports lib/http.server.ts itself.
export { actorOf, actionFailure as errorResponse } from "~/lib/http.server";
