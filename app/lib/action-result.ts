// The one shape a failed action answers with (lib/http.server.ts builds it). Pure, so components can read it.

/** A form as a plain object: one string per field, an array where a key repeats. Files are not echoed. */
export type FormInput = Record<string, string | string[]>;

/** What every action answers when it fails (400 for bad input, the domain error's own status otherwise). */
export interface ActionFailure {
  ok: false;
  message: string;
  /** Keyed by the field's path (`validation.min`, `product.fit`); `_` for the form as a whole. */
  fieldErrors: Record<string, string[]>;
  /** What was typed, so the form can show it again. */
  input: FormInput;
}

/** Narrows an action's answer to its failure (undefined while there is none). */
export function failureOf(data: unknown): ActionFailure | undefined {
  return typeof data === "object" &&
    data !== null &&
    "ok" in data &&
    data.ok === false &&
    "message" in data
    ? (data as ActionFailure)
    : undefined;
}

/** The text typed into `name` (the first one where the key repeated). */
export function typedText(
  failure: ActionFailure | undefined,
  name: string,
): string | undefined {
  const value = failure?.input[name];
  return Array.isArray(value) ? value[0] : value;
}
