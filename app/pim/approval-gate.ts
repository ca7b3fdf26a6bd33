// Approval gated by completeness: a product below 100 % on any channel is approved only with the merchant's reason
// for overriding, which is recorded with the approval. Pure, so the editor and the list can ask before posting.
import { z } from "zod";
import { Invalid } from "~/lib/errors";
import { jsonColumn } from "~/lib/json-column";

export interface Shortfall {
  title: string;
  channels: { channel: string; percent: number }[];
}

export const OVERRIDE_REASON_MAX = 500;

/** What the approve actions accept as a reason: trimmed, empty means none. */
export const overrideReasonField = z
  .string()
  .trim()
  .max(OVERRIDE_REASON_MAX, {
    message: `Keep the reason under ${OVERRIDE_REASON_MAX} characters.`,
  })
  .optional();

/**
 * The reason to record, or `Invalid` on `overrideReason` when some product is incomplete and none was given.
 * Returns null when every product is complete (no reason needed).
 */
export function requireOverrideReason(
  shortfalls: ReadonlyMap<string, Shortfall>,
  reason: string | null | undefined,
): string | null {
  if (shortfalls.size === 0) return null;
  const text = reason?.trim() ?? "";
  if (text) return text.slice(0, OVERRIDE_REASON_MAX);
  const names = [...shortfalls.values()]
    .slice(0, 5)
    .map((s) => s.title)
    .join(", ");
  const more = shortfalls.size > 5 ? ` and ${shortfalls.size - 5} more` : "";
  throw new Invalid(
    `${names}${more} ${shortfalls.size > 1 ? "are" : "is"} not complete.`,
    {
      overrideReason: [
        "Some required values are missing. Say why you approve anyway.",
      ],
    },
  );
}

/** The incomplete channels recorded with an approval, as stored in ProductApproval.incomplete. */
export const incompleteColumn = jsonColumn(
  "ProductApproval.incomplete",
  z.array(z.object({ channel: z.string(), percent: z.number() })),
);
