// The DAM routes' one mapping from domain errors to Responses, and who the acting staff member is.
import { json } from "@remix-run/node";
import { ZodError } from "zod";
import { AppError, Invalid } from "~/lib/errors";

/** Rethrows anything that is not a domain or validation error; maps those to a JSON Response. */
export function errorResponse(error: unknown): Response {
  if (error instanceof Response) throw error;
  if (error instanceof ZodError) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of error.issues)
      (fieldErrors[issue.path.join(".") || "_"] ??= []).push(issue.message);
    return json({ error: "invalid input", fieldErrors }, { status: 400 });
  }
  if (error instanceof AppError)
    return json(
      {
        error: error.message,
        ...(error instanceof Invalid ? { fieldErrors: error.fieldErrors } : {}),
      },
      { status: error.status },
    );
  throw error;
}

/** For loaders: a missing record is a thrown 404 Response (Remix renders the boundary). */
export function throwAsResponse(error: unknown): never {
  throw errorResponse(error);
}

/** The staff member behind a session token (its `sub`), as recorded in audit events. */
export function actorOf(auth: { sessionToken?: { sub?: string } }): string {
  return auth.sessionToken?.sub ? `user:${auth.sessionToken.sub}` : "staff";
}

/** FormData (or URLSearchParams) to a plain object for zod; repeated keys become arrays. */
export function formObject(
  form: FormData | URLSearchParams,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key);
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}

/** The request's JSON body; Invalid when it is not JSON (or larger than `maxBytes`). */
export async function readJsonBody(
  request: Request,
  maxBytes = 2 * 1024 * 1024,
): Promise<unknown> {
  const text = await request.text();
  if (text.length > maxBytes) throw new Invalid("the request is too large");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Invalid("send the request as JSON");
  }
}
