// Zod's default messages ("Too small: expected string to have >=1 characters") in a merchant's words ("Enter a
// value."). Messages a schema sets itself are kept as written.
import type { z } from "zod";

const ZOD_DEFAULT = /^(Too (small|big)|Invalid|Expected|Unrecognized)/;

/** The message a form shows for one zod issue. */
export function plainMessage(issue: z.core.$ZodIssue): string {
  if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string")
        return min <= 1 ? "Enter a value." : `Use at least ${min} characters.`;
      if (issue.origin === "array" || issue.origin === "set")
        return min <= 1 ? "Choose at least one." : `Choose at least ${min}.`;
      return `Enter ${min} or more.`;
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return `Use at most ${max} characters.`;
      if (issue.origin === "array" || issue.origin === "set")
        return `Choose at most ${max}.`;
      if (issue.origin === "file") return "The file is too large.";
      return `Enter ${max} or less.`;
    }
    case "invalid_type":
      return issue.expected === "number" || issue.expected === "int"
        ? "Enter a number."
        : "Enter a value.";
    case "invalid_value":
      return issue.values.length <= 6
        ? `Choose one of: ${issue.values.map(String).join(", ")}.`
        : "Choose one of the options.";
    case "invalid_format":
      return issue.format === "email"
        ? "Enter an email address."
        : issue.format === "url"
          ? "Enter a web address (https://…)."
          : "This does not have the expected format.";
    case "unrecognized_keys":
      return "This form has fields it does not expect.";
    default:
      return "This value is not valid.";
  }
}
