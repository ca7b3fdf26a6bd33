// A product's two statuses as badges, the same on every PIM screen: the PIM's approval of its values (draft →
// change pending → approved), labelled "Values: …" so it is never read as Shopify's own product status, and
// Shopify's status (Active / Draft / Archived / Unlisted), labelled "Shopify: …".
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

const shopifyTones = {
  ACTIVE: "success",
  DRAFT: "info",
  ARCHIVED: undefined,
  UNLISTED: "attention",
} as const;
type ShopifyStatus = keyof typeof shopifyTones;

export function ShopifyStatusBadge({ status }: { status: string }) {
  const t = useT();
  const known = (
    status.toUpperCase() in shopifyTones ? status.toUpperCase() : "DRAFT"
  ) as ShopifyStatus;
  return (
    <Badge tone={shopifyTones[known]}>{t(`pim.shopifyStatus.${known}`)}</Badge>
  );
}
