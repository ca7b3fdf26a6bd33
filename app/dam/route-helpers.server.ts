// Kept only for the DAM upload routes, which the hardening branch is rewriting: it re-exports the one route boundary
// (lib/http.server.ts). Delete this file once those routes import lib/http.server.ts themselves.
export {
  actorOf,
  actionFailure as errorResponse,
  readJsonBody,
} from "~/lib/http.server";
