// The spreadsheet page's export card: CSV or XLSX, rows by SKU or handle, downloaded through an authenticated
// fetch (components/download.ts) so it works inside the embedded admin; the result is a toast.
import { useSearchParams } from "@remix-run/react";
import {
  BlockStack,
  Button,
  Card,
  InlineStack,
  Select,
  Text,
} from "@shopify/polaris";
import { useState } from "react";
import { downloadFile } from "~/components/download";
import { useToast } from "~/components/use-toast";
import { useT } from "~/i18n";

export function SpreadsheetExportCard() {
  const t = useT();
  const toast = useToast();
  const [params] = useSearchParams();
  const [key, setKey] = useState("sku");
  const [busy, setBusy] = useState<string | null>(null);
  const download = async (format: "csv" | "xlsx") => {
    // The products index filters on this page's URL narrow the export too.
    const query = new URLSearchParams(params);
    query.set("format", format);
    query.set("key", key);
    setBusy(format);
    try {
      await downloadFile(
        `/app/products/export?${query.toString()}`,
        `vitrine-attributes.${format}`,
      );
      toast(t("pim.spreadsheet.exported"));
    } catch (error) {
      toast(
        t("pim.spreadsheet.exportFailed", {
          message: (error as Error).message,
        }),
        { isError: true },
      );
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("pim.spreadsheet.export")}
        </Text>
        <Select
          label={t("pim.spreadsheet.keyColumn")}
          value={key}
          onChange={setKey}
          options={[
            { label: "SKU", value: "sku" },
            { label: "Handle", value: "handle" },
          ]}
        />
        <InlineStack gap="200">
          <Button
            loading={busy === "csv"}
            disabled={busy !== null}
            onClick={() => void download("csv")}
          >
            {t("pim.spreadsheet.exportCsv")}
          </Button>
          <Button
            loading={busy === "xlsx"}
            disabled={busy !== null}
            onClick={() => void download("xlsx")}
          >
            {t("pim.spreadsheet.exportXlsx")}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
