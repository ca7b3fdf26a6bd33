// Bulk approval on the products index: a selection with an incomplete product asks for a reason first (the
// server asks too, and its answer reopens the question with the error); results are toasts.
import { useActionData, useNavigation, type useSubmit } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useToast } from "~/components/use-toast";
import { useT } from "~/i18n";
import { failureOf } from "~/lib/action-result";
import type { IncompleteSummary } from "./approve-override";
import type { ProductRow } from "./products-table";

type ActionAnswer =
  | {
      ok: true;
      intent: "import" | "seed-apparel" | "approve";
      approved?: number;
    }
  | { ok: false; message: string; fieldErrors: Record<string, string[]> };

export function useBulkApproval(
  rows: ProductRow[],
  submit: ReturnType<typeof useSubmit>,
) {
  const t = useT();
  const toast = useToast();
  const result = useActionData<ActionAnswer>();
  const busy = useNavigation().state === "submitting";
  const [asking, setAsking] = useState<string[] | null>(null);
  const failure = failureOf(result);

  const approve = (ids: string[], overrideReason?: string) => {
    const form = new FormData();
    form.set("intent", "approve");
    for (const id of ids) form.append("ids", id);
    if (overrideReason) form.set("overrideReason", overrideReason);
    submit(form, { method: "post" });
  };
  const incompleteOf = (ids: string[]): IncompleteSummary[] =>
    rows
      .filter((r) => ids.includes(r.id))
      .map((r) => ({
        title: r.title,
        channels: Object.entries(r.completeness)
          .filter(([, percent]) => percent !== undefined && percent < 100)
          .map(([channel, percent]) => ({ channel, percent: percent! })),
      }))
      .filter((r) => r.channels.length > 0);
  const ask = (ids: string[]) =>
    incompleteOf(ids).length ? setAsking(ids) : approve(ids);

  useEffect(() => {
    if (!result) return;
    if (result.ok) {
      setAsking(null);
      toast(
        result.intent === "approve"
          ? t("pim.index.approvedCount", { count: result.approved ?? 0 })
          : result.intent === "import"
            ? t("pim.import.running")
            : t("pim.attributes.saved"),
      );
    } else toast(result.message, { isError: true });
  }, [result]);

  return {
    asking,
    ask,
    cancel: () => setAsking(null),
    approve,
    incomplete: asking ? incompleteOf(asking) : [],
    reasonError: failure?.fieldErrors.overrideReason?.join(" "),
    busy,
  };
}
