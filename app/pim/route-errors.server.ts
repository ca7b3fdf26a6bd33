// Domain errors as route responses, in one place for the PIM's routes: Invalid → 400 with field errors and the
// typed input (the form keeps it), NotFound → 404 thrown, anything else rethrown.
import { json } from "@remix-run/node";
import { AppError, Invalid } from "~/lib/errors";

export interface FormFailure {
  ok: false;
  message: string;
  fieldErrors: Record<string, string[]>;
  input: Record<string, string>;
}

export function formFailure(
  error: unknown,
  input: Record<string, string> = {},
) {
  if (error instanceof Invalid)
    return json<FormFailure>(
      {
        ok: false,
        message: error.message,
        fieldErrors: error.fieldErrors,
        input,
      },
      { status: 400 },
    );
  if (error instanceof AppError && error.status === 404)
    throw new Response("Not Found", { status: 404 });
  throw error;
}

/** Form fields as strings (files and repeated keys ignored), to echo back with a 400. */
export function formInput(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form.entries())
    if (typeof value === "string" && !(key in out)) out[key] = value;
  return out;
}

/** Who did it, for history: the staff member's id from the session token when there is one. */
export function actorOf(context: {
  sessionToken?: { sub?: string };
}): string | null {
  return context.sessionToken?.sub ?? null;
}
