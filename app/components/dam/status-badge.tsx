import { Badge } from "@shopify/polaris";
import { useT } from "~/i18n";

const tones = {
  DRAFT: undefined,
  IN_REVIEW: "attention",
  APPROVED: "success",
  ARCHIVED: "info",
} as const;

export function AssetStatusBadge({ status }: { status: string }) {
  const t = useT();
  const key = (status in tones ? status : "DRAFT") as keyof typeof tones;
  return <Badge tone={tones[key]}>{t(`dam.status.${key}`)}</Badge>;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
