// The closed set of domain errors. Domain code throws these; routes map them to Responses in one place
// (lib/http.server.ts, each error with its own `status`) and job processors map them to retry-or-give-up in one
// place (worker/failure.server.ts, by `retryable`).

import type { ZodError } from "zod";
import { plainMessage } from "./zod-messages";

export type FieldErrors = Record<string, string[]>;

export abstract class AppError extends Error {
  abstract readonly status: number;
  /** Whether retrying the same operation later could succeed. */
  abstract readonly retryable: boolean;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The record does not exist for this shop (also what another shop's record looks like). */
export class NotFound extends AppError {
  readonly status = 404;
  readonly retryable = false;
}

/** The input is wrong; `fieldErrors` says where, so a form can show them next to the fields. */
export class Invalid extends AppError {
  readonly status: number = 400;
  readonly retryable = false;

  constructor(
    message: string,
    readonly fieldErrors: FieldErrors = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** Zod's issues keyed by their path (`validation.min`), `_` for the object itself, in plain words. */
  static fieldErrorsOf(error: ZodError): FieldErrors {
    const fieldErrors: FieldErrors = {};
    for (const issue of error.issues)
      (fieldErrors[issue.path.join(".") || "_"] ??= []).push(
        plainMessage(issue),
      );
    return fieldErrors;
  }

  /** The `Invalid` for a zod error: the same field keys everywhere (forms show them next to their fields). */
  static fromZod(error: ZodError, message: string): Invalid {
    return new Invalid(message, Invalid.fieldErrorsOf(error), { cause: error });
  }
}

/** The input is over a size limit (413): a file, a body, a part. */
export class TooLarge extends Invalid {
  override readonly status: number = 413;
}

/** The request conflicts with the current state (a stale version, a duplicate, a forbidden transition). */
export class Conflict extends AppError {
  readonly status = 409;
  readonly retryable = false;
}

/** A system we depend on (Shopify, Redis, a channel) failed; `retryable` says whether trying again may help. */
export class Upstream extends AppError {
  readonly status = 502;

  constructor(
    message: string,
    readonly retryable: boolean = true,
    options?: ErrorOptions & { retryAfterMs?: number },
  ) {
    super(message, options);
    this.retryAfterMs = options?.retryAfterMs;
  }

  readonly retryAfterMs: number | undefined;
}
