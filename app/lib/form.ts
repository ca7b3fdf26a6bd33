// zod pieces for decoding forms (lib/http.server.ts `formObject`: one string per field, an array where a key
// repeats). Pure, so a `*.schema.ts` shared by a form and its action can use them.
import { z } from "zod";

/** A field that may repeat: absent → [], one value → [value]. */
export const formList = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : [v].flat()),
    z.array(item),
  );

/** A checkbox: checked when present with any value but "false"/"off". */
export const formCheckbox = z.preprocess(
  (v) => v !== undefined && v !== "" && v !== "false" && v !== "off",
  z.boolean(),
);

/** A number field: empty is absent. */
export const formNumber = z.preprocess(
  (v) =>
    v === undefined || (typeof v === "string" && !v.trim())
      ? undefined
      : Number(v),
  z.number().optional(),
);

/** A text field of `a; b; c`: trimmed, empty parts dropped. */
export const formSemicolonList = z.preprocess(
  (v) =>
    String(v ?? "")
      .split(";")
      .map((s) => s.trim())
      .filter(Boolean),
  z.array(z.string()),
);
