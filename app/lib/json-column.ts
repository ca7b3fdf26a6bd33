// JSON columns are a boundary like any other input: a row is parsed with zod when it is read, never cast. A stored
// value that does not match its schema is a bug (or a missed data migration), so it throws instead of flowing on.
import type { z } from "zod";

/** A parser for one JSON column: `column(row.value)` → the typed value; throws naming the column on a mismatch. */
export function jsonColumn<S extends z.ZodType>(
  name: string,
  schema: S,
): (value: unknown) => z.output<S> {
  return (value) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success)
      throw new Error(
        `stored ${name} does not match its schema: ${parsed.error.issues
          .map(
            (issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`,
          )
          .join("; ")}`,
        { cause: parsed.error },
      );
    return parsed.data;
  };
}
