// Approving a product that is not complete on every channel: the merchant says why (the reason is recorded with
// the approval and shown in its history) or cancels. Inline, next to what it is about, with the error the action
// answers when the reason is missing.
import { Banner, BlockStack, TextField } from "@shopify/polaris";
import { useState } from "react";
import { useT } from "~/i18n";
import type { Channel } from "~/pim/channels";

export interface IncompleteSummary {
  title: string;
  channels: { channel: string; percent: number }[];
}

export function ApproveOverride({
  incomplete,
  error,
  busy,
  onApprove,
  onCancel,
}: {
  incomplete: IncompleteSummary[];
  error?: string;
  busy: boolean;
  onApprove: (reason: string) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const where = (item: IncompleteSummary) =>
    item.channels
      .map((c) => `${t(`pim.channel.${c.channel as Channel}`)} ${c.percent}%`)
      .join(", ");
  return (
    <Banner
      tone="warning"
      title={t("pim.approval.incompleteTitle", { count: incomplete.length })}
      action={{
        content: t("pim.approval.approveAnyway"),
        loading: busy,
        onAction: () => {
          if (!reason.trim()) setMissing(true);
          else onApprove(reason.trim());
        },
      }}
      secondaryAction={{
        content: t("pim.approval.cancel"),
        onAction: onCancel,
      }}
      onDismiss={onCancel}
    >
      <BlockStack gap="200">
        <ul>
          {incomplete.slice(0, 10).map((item) => (
            <li key={item.title}>{`${item.title}: ${where(item)}`}</li>
          ))}
        </ul>
        <TextField
          label={t("pim.approval.reason")}
          name="overrideReason"
          value={reason}
          onChange={(value) => {
            setReason(value);
            setMissing(false);
          }}
          maxLength={500}
          autoComplete="off"
          error={missing ? t("pim.approval.reasonRequired") : error}
        />
      </BlockStack>
    </Banner>
  );
}
