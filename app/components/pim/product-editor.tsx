// The product editor page: values form with the App Bridge save bar (unsaved edits never dropped silently),
// approval (an incomplete product asks for a reason first), family, completeness, channels and history with
// revert. Results are App Bridge toasts; failures also show inline, next to their fields.
import { useNavigation, useSubmit } from "@remix-run/react";
import { SaveBar } from "@shopify/app-bridge-react";
import {
  Banner,
  BlockStack,
  InlineStack,
  Layout,
  Page,
} from "@shopify/polaris";
import { useEffect, useState, type ReactNode } from "react";
import { UnsavedChangesBanner } from "~/components/unsaved-changes-banner";
import { useToast } from "~/components/use-toast";
import { useUnsavedChanges } from "~/components/use-unsaved-changes";
import { useT } from "~/i18n";
import type { ActionFailure } from "~/lib/action-result";
import type { EditorView } from "~/pim/editor-view";
import { ApproveOverride } from "./approve-override";
import { CompletenessCard } from "./completeness-card";
import { FamilyCard } from "./family-card";
import { PimStatusBadge, ShopifyStatusBadge } from "./pim-status-badge";
import { ProductValuesForm } from "./product-values-form";
import { ValueHistoryCard } from "./value-history-card";

export type EditorResult =
  | {
      ok: true;
      intent: "save" | "approve" | "revert" | "family" | "swatch-crop";
    }
  | ActionFailure
  | undefined;

const SAVE_BAR_ID = "product-save-bar";

export function ProductEditor({
  data,
  result,
  failure,
  channelsCard,
  families,
}: {
  data: EditorView;
  result: EditorResult;
  failure: ActionFailure | undefined;
  channelsCard: ReactNode;
  families: { id: string; name: string }[];
}) {
  const t = useT();
  const toast = useToast();
  const submit = useSubmit();
  const busy = useNavigation().state === "submitting";
  const post = (fields: Record<string, string>) =>
    submit(fields, { method: "post" });
  // A save or revert adds a history row and an approval bumps the version: the form then remounts from what is
  // stored (a revert shows the reverted values, and Save cannot re-post the old text). Discard remounts too.
  const [discards, setDiscards] = useState(0);
  // Discard after a failed save shows what is stored, not the rejected text the failure echoes.
  const [dismissed, setDismissed] = useState<ActionFailure | null>(null);
  const shownFailure = failure && failure !== dismissed ? failure : undefined;
  const formKey = [
    data.locale,
    data.channel,
    data.history[0]?.id ?? "",
    data.product.approvedVersion,
    discards,
  ].join("|");
  const { formRef, dirty, onChange, blocker } = useUnsavedChanges(formKey);
  const incomplete = data.completeness.filter((c) => c.percent < 100);
  const [asking, setAsking] = useState(false);
  const reasonError = failure?.fieldErrors.overrideReason?.join(" ");

  useEffect(() => {
    if (!result) return;
    if (result.ok) {
      toast(
        t(
          result.intent === "approve"
            ? "pim.editor.approved"
            : result.intent === "revert"
              ? "pim.editor.reverted"
              : "pim.editor.saved",
        ),
      );
      setAsking(false);
    } else {
      toast(result.message, { isError: true });
      if (result.fieldErrors.overrideReason) setAsking(true);
    }
    // Once per answer: `t` and `toast` are new functions on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result]);

  const approve = (overrideReason?: string) =>
    post(
      overrideReason
        ? { intent: "approve", overrideReason }
        : { intent: "approve" },
    );

  return (
    <Page
      backAction={{ url: "/app/products" }}
      title={data.product.title}
      titleMetadata={
        <InlineStack gap="100">
          <PimStatusBadge status={data.product.pimStatus} />
          <ShopifyStatusBadge status={data.product.status} />
        </InlineStack>
      }
      subtitle={t("pim.editor.published", {
        published: data.product.publishedVersion,
        approved: data.product.approvedVersion,
      })}
      primaryAction={{
        content: t("pim.editor.approve"),
        disabled: data.product.pimStatus === "APPROVED" || busy || dirty,
        helpText: dirty ? t("pim.editor.saveFirst") : undefined,
        onAction: () => (incomplete.length ? setAsking(true) : approve()),
      }}
    >
      <SaveBar id={SAVE_BAR_ID} open={dirty}>
        <button
          // eslint-disable-next-line react/no-unknown-property -- App Bridge's save bar reads `variant`
          variant="primary"
          onClick={() => formRef.current?.requestSubmit()}
          disabled={busy}
        >
          {t("pim.editor.save")}
        </button>
        <button
          onClick={() => {
            setDismissed(failure ?? null);
            setDiscards((n) => n + 1);
          }}
        >
          {t("pim.editor.discard")}
        </button>
      </SaveBar>
      <Layout>
        <Layout.Section>
          <BlockStack gap="300">
            <UnsavedChangesBanner blocker={blocker} />
            {failure && !failure.fieldErrors.overrideReason && (
              <Banner tone="critical" title={t("pim.editor.invalid")}>
                <p>{failure.message}</p>
              </Banner>
            )}
            {asking && (
              <ApproveOverride
                incomplete={[
                  { title: data.product.title, channels: incomplete },
                ]}
                error={reasonError}
                busy={busy}
                onApprove={approve}
                onCancel={() => setAsking(false)}
              />
            )}
          </BlockStack>
        </Layout.Section>
        <Layout.Section>
          <ProductValuesForm
            key={formKey}
            formRef={formRef}
            onChange={onChange}
            view={data}
            failure={shownFailure}
            busy={busy}
          />
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            {channelsCard}
            <FamilyCard
              familyId={data.product.familyId}
              families={families}
              onChange={(familyId) => post({ intent: "family", familyId })}
            />
            <CompletenessCard completeness={data.completeness} />
            <ValueHistoryCard
              product={data.product}
              history={data.history}
              approvals={data.approvals}
              onRevert={(target) =>
                post(
                  "changeId" in target
                    ? { intent: "revert-change", ...target }
                    : { intent: "revert-field", ...target },
                )
              }
            />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
