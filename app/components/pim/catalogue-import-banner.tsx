// The latest catalogue import while it runs (with progress) or after it failed (with the reason).
import { Banner, BlockStack, ProgressBar, Text } from "@shopify/polaris";
import { useT } from "~/i18n";

export interface CatalogueImportRun {
  status: string;
  linesRead: number;
  totalObjects: number | null;
  products: number;
  error: string | null;
}

export function CatalogueImportBanner({ run }: { run: CatalogueImportRun }) {
  const t = useT();
  const running = run.status === "RUNNING";
  const progress = run.totalObjects
    ? Math.min(100, Math.round((run.linesRead * 100) / run.totalObjects))
    : 0;
  return (
    <Banner
      tone={run.status === "FAILED" ? "critical" : "info"}
      title={t(
        run.status === "FAILED" ? "pim.import.failed" : "pim.import.running",
      )}
    >
      <BlockStack gap="200">
        {running && <ProgressBar progress={progress} size="small" />}
        <Text as="p">
          {run.error ?? t("pim.import.progress", { products: run.products })}
        </Text>
      </BlockStack>
    </Banner>
  );
}
