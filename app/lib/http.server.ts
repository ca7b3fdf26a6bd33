// The route boundary, the one place domain errors (errors.ts) become HTTP responses: forms are decoded by one rule,
// every failed action answers `{ ok:false, message, fieldErrors, input }` with the error's own status (Invalid 400,
// NotFound 404, Conflict 409, Upstream 502), and a loader's failure is a thrown Response.
import { json, type TypedResponse } from "@remix-run/node";
import { ZodError, type z } from "zod";
import type { ActionFailure, FormInput } from "./action-result";
import { AppError, Invalid } from "./errors";

export type { ActionFailure, FormInput } from "./action-result";

/** FormData or a query string as a plain object: repeated keys become arrays; file parts are left out. */
export function formObject(form: FormData | URLSearchParams): FormInput {
  const out: FormInput = {};
  for (const key of new Set(form.keys())) {
    const values = form
      .getAll(key)
      .filter((value): value is string => typeof value === "string");
    if (values.length) out[key] = values.length > 1 ? values : values[0]!;
  }
  return out;
}

/** Reads a request's form with `formObject`'s rule. */
export async function readForm(request: Request): Promise<FormInput> {
  return formObject(await request.formData());
}

/** Zod's error for a form, carrying what was typed so the failure can echo it. */
export class InvalidForm extends Invalid {
  constructor(
    error: ZodError,
    readonly input: FormInput,
  ) {
    super("Some fields are not valid.", Invalid.fieldErrorsOf(error), {
      cause: error,
    });
  }
}

/**
 * Parses a form (a request's, or one already read with `readForm`) with `schema`. Throws `InvalidForm` (400 through
 * `actionFailure`, with the field errors and the typed input).
 */
export async function parseForm<S extends z.ZodType>(
  source: Request | FormInput,
  schema: S,
): Promise<z.output<S>> {
  const input = source instanceof Request ? await readForm(source) : source;
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new InvalidForm(parsed.error, input);
  return parsed.data;
}

/**
 * The Response an action answers for an error thrown by domain code, zod or `parseForm`: JSON `ActionFailure`
 * with the error's status. A thrown Response is rethrown as is; anything else is a bug and is rethrown (500).
 */
export function actionFailure(
  error: unknown,
  input: FormInput = {},
): TypedResponse<ActionFailure> {
  if (error instanceof Response) throw error;
  if (error instanceof ZodError) error = new InvalidForm(error, input);
  if (!(error instanceof AppError)) throw error;
  const body: ActionFailure = {
    ok: false,
    message: error.message,
    fieldErrors: error instanceof Invalid ? error.fieldErrors : {},
    input: error instanceof InvalidForm ? error.input : input,
  };
  return json(body, { status: error.status });
}

/** For loaders: 404 (Remix renders the error boundary). */
export function throwNotFound(message = "Not Found"): never {
  throw new Response(message, { status: 404 });
}

/**
 * For loaders: a domain or zod error becomes a thrown Response with its status (a missing record is a 404);
 * anything else is rethrown.
 */
export function loaderFailure(error: unknown): never {
  if (error instanceof Response) throw error;
  if (error instanceof ZodError)
    throw new Response("Bad Request", { status: 400 });
  if (error instanceof AppError)
    throw new Response(error.message, { status: error.status });
  throw error;
}

/** A route parameter, or a thrown 404 when the URL has none (an empty id is never looked up). */
export function requireParam(
  params: Readonly<Record<string, string | undefined>>,
  name: string,
): string {
  const value = params[name];
  if (!value) throwNotFound();
  return value;
}

/**
 * Who did it, as every audit column records it: `user:<id>` for the staff member of the session token (its `sub`),
 * `staff` when the token names nobody.
 */
export function actorOf(auth: { sessionToken?: { sub?: string } }): string {
  return auth.sessionToken?.sub ? `user:${auth.sessionToken.sub}` : "staff";
}

/** The request's JSON body; `Invalid` when it is not JSON (or larger than `maxBytes`). */
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
