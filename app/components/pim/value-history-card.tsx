// The product's value history, newest first: who changed what, with "revert this field" on every row and
// "revert the whole change" on the first row of each change.
import {
  BlockStack,
  Box,
  Button,
  Card,
  InlineStack,
  Text,
} from "@shopify/polaris";
import { useT } from "~/i18n";
import type { Channel } from "~/pim/channels";
import type { EditorView } from "~/pim/editor-view";

export type RevertTarget = { changeId: string } | { valueChangeId: string };

export function ValueHistoryCard({
  product,
  history,
  approvals,
  onRevert,
}: {
  product: EditorView["product"];
  history: EditorView["history"];
  approvals: EditorView["approvals"];
  onRevert: (target: RevertTarget) => void;
}) {
  const t = useT();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("pim.editor.history")}
        </Text>
        {approvals.map((a) => (
          <BlockStack gap="100" key={a.id}>
            <Text as="p" variant="bodySm" tone="success">
              {t("pim.editor.approvedBy", {
                version: a.version,
                actor: a.actor ?? t("pim.editor.someone"),
                at: new Date(a.createdAt).toLocaleString(),
              })}
            </Text>
            {a.overrideReason && (
              <Text as="p" variant="bodySm" tone="caution">
                {t("pim.approval.override", {
                  channels: a.incomplete
                    .map(
                      (c) =>
                        `${t(`pim.channel.${c.channel as Channel}`)} ${c.percent}%`,
                    )
                    .join(", "),
                  reason: a.overrideReason,
                })}
              </Text>
            )}
          </BlockStack>
        ))}
        {approvals.length === 0 && product.approvedAt && (
          <Text as="p" variant="bodySm" tone="success">
            {t("pim.editor.approvedBy", {
              version: product.approvedVersion,
              actor: product.approvedBy ?? t("pim.editor.someone"),
              at: new Date(product.approvedAt).toLocaleString(),
            })}
          </Text>
        )}
        {history.length === 0 && (
          <Text as="p">{t("pim.editor.noHistory")}</Text>
        )}
        {history.map((h, i) => (
          <Box key={h.id} paddingBlockEnd="200">
            <Text as="p" variant="bodySm">
              <strong>{h.attributeKey}</strong>{" "}
              {t("pim.editor.change", {
                kind: h.kind.toLowerCase(),
                actor: h.actor ?? t("pim.editor.someone"),
                at: new Date(h.createdAt).toLocaleString(),
                before: h.before || "—",
                after: h.after || "—",
              })}
            </Text>
            <InlineStack gap="200">
              <Button
                variant="plain"
                onClick={() => onRevert({ valueChangeId: h.id })}
              >
                {t("pim.editor.revertField")}
              </Button>
              {history[i - 1]?.changeId !== h.changeId && (
                <Button
                  variant="plain"
                  onClick={() => onRevert({ changeId: h.changeId })}
                >
                  {t("pim.editor.revertChange")}
                </Button>
              )}
            </InlineStack>
          </Box>
        ))}
      </BlockStack>
    </Card>
  );
}
