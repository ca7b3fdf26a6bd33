// The one place domain errors become HTTP responses (errors.ts). Actions return `{ error, fieldErrors }` with
// 400 so the form keeps what was typed; a missing record is a 404 thrown from the loader or action.
import { json } from "@remix-run/node";
import { ZodError, z } from "zod";
import { AppError, Invalid } from "./errors";

export interface ActionFailure {
  ok: false;
  error: string;
  fieldErrors: Record<string, string[]>;
}

/** Maps an error thrown by domain code to the Response an action returns (or rethrows what is not ours). */
export function errorResponse(error: unknown): Response {
  if (error instanceof ZodError) {
    const body: ActionFailure = {
      ok: false,
      error: "Some fields are not valid.",
      fieldErrors: z.flattenError(error).fieldErrors as Record<
        string,
        string[]
      >,
    };
    return json(body, { status: 400 });
  }
  if (error instanceof AppError) {
    const body: ActionFailure = {
      ok: false,
      error: error.message,
      fieldErrors: error instanceof Invalid ? error.fieldErrors : {},
    };
    return json(body, { status: error.status });
  }
  throw error;
}
