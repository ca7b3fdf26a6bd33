// Kept only for app/routes/app.products.spreadsheet.tsx, which the hardening branch is rewriting: the old names
// over the one route boundary (lib/http.server.ts). Delete this file once that route imports lib/http.server.ts.
import type { TypedResponse } from "@remix-run/node";
import { actionFailure, type ActionFailure } from "~/lib/http.server";

export { actorOf } from "~/lib/http.server";

export type FormFailure = ActionFailure & { input: Record<string, string> };

export function formFailure(
  error: unknown,
  input: Record<string, string> = {},
): TypedResponse<FormFailure> {
  return actionFailure(error, input) as TypedResponse<FormFailure>;
}

/** Form fields as strings (files and repeated keys ignored), to echo back with a 400. */
export function formInput(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form.entries())
    if (typeof value === "string" && !(key in out)) out[key] = value;
  return out;
}
