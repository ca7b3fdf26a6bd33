// A product's PIM status (draft → pending approval → approved) as a badge, the same on every PIM screen.
import { Badge } from "@shopify/polaris";
import { useT } from "~/i18n";

const tones = {
  DRAFT: undefined,
  PENDING: "attention",
  APPROVED: "success",
} as const;
export type PimStatus = keyof typeof tones;
export const PIM_STATUSES = Object.keys(tones) as PimStatus[];

const isPimStatus = (status: string): status is PimStatus => status in tones;

export function PimStatusBadge({ status }: { status: string }) {
  const t = useT();
  const known = isPimStatus(status) ? status : "DRAFT";
  return <Badge tone={tones[known]}>{t(`pim.status.${known}`)}</Badge>;
}
