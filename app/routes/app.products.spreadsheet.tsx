import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  useActionData,
  useLoaderData,
  useNavigation,
  useRevalidator,
} from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  InlineStack,
  Layout,
  Page,
  ProgressBar,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { FileField } from "~/components/pim/file-field";
import { SpreadsheetExportCard } from "~/components/pim/spreadsheet-export-card";
import { useT } from "~/i18n";
import { failureOf, typedText } from "~/lib/action-result";
import {
  actionFailure,
  actorOf,
  parseForm,
  type FormInput,
} from "~/lib/http.server";
import { latestSpreadsheetImport } from "~/pim/spreadsheet-import.db.server";
import {
  readSpreadsheetUpload,
  requireSpreadsheetFile,
} from "~/pim/spreadsheet-upload.server";
import {
  queueSpreadsheetImport,
  WORKER_THRESHOLD_BYTES,
  WORKER_THRESHOLD_ROWS,
} from "~/pim/spreadsheet-import.server";
import {
  formatOf,
  importSpreadsheet,
  parseMapping,
  readSheet,
} from "~/pim/spreadsheet.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return { background: await latestSpreadsheetImport(session.shop) };
};

const importInput = z.object({
  key: z.enum(["sku", "handle"]),
  mode: z.enum(["all-or-nothing", "valid-rows"]).default("all-or-nothing"),
  intent: z.enum(["dry-run", "apply"]),
  mapping: z.string().max(20_000).default(""),
});

export const action = async ({ request }: ActionFunctionArgs) => {
  const context = await authenticate.admin(request);
  let input: FormInput = {};
  try {
    const upload = await readSpreadsheetUpload(request);
    input = upload.input;
    const parsed = await parseForm(input, importInput);
    const file = requireSpreadsheetFile(upload);
    const content = file.content;
    const options = {
      key: parsed.key,
      mode: parsed.mode,
      mapping: parseMapping(parsed.mapping),
      dryRun: parsed.intent === "dry-run",
      actor: actorOf(context),
    };
    const queued = async () => {
      await queueSpreadsheetImport(context.session.shop, {
        filename: file.name,
        format: formatOf(file.name),
        content,
        options,
      });
      return json({
        ok: true as const,
        intent: "queued" as const,
        report: null,
      });
    };
    // An XLSX is a zip (it may unpack to far more than it weighs): always read on the worker, never in a request.
    if (file.size > WORKER_THRESHOLD_BYTES || formatOf(file.name) === "xlsx")
      return await queued();
    const table = await readSheet(content, formatOf(file.name));
    // A small file of many short rows is still a long import: the worker runs it, off the web process.
    if (table.rows.length > WORKER_THRESHOLD_ROWS) return await queued();
    const report = await importSpreadsheet(
      context.session.shop,
      table,
      options,
    );
    return json({ ok: true as const, intent: parsed.intent, report });
  } catch (error) {
    return actionFailure(error, input);
  }
};

export default function Spreadsheet() {
  const result = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const [key, setKey] = useState("sku");
  const [mode, setMode] = useState("all-or-nothing");
  const [mapping, setMapping] = useState(
    typedText(failureOf(result), "mapping") ?? "",
  );
  const { background } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const working =
    background?.status === "QUEUED" || background?.status === "RUNNING";
  // A file on the worker: poll its progress until it finishes.
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(() => revalidator.revalidate(), 1500);
    return () => clearInterval(timer);
  }, [working, revalidator]);
  const report =
    (result?.ok ? result.report : null) ??
    (background?.status === "COMPLETED" ? background.report : null);
  const intentRef = useRef<HTMLInputElement>(null);
  // Polaris buttons carry no name/value: the clicked one sets the hidden intent before the form submits.
  const setIntent = (intent: string) => {
    if (intentRef.current) intentRef.current.value = intent;
  };
  const failure = failureOf(result);
  const fieldError = (name: string) => failure?.fieldErrors[name]?.join(" ");

  return (
    <Page
      backAction={{ url: "/app/products" }}
      title={t("pim.spreadsheet.title")}
    >
      <Layout>
        <Layout.Section>
          <Card>
            <Form method="post" encType="multipart/form-data">
              <input
                ref={intentRef}
                type="hidden"
                name="intent"
                defaultValue="dry-run"
              />
              <BlockStack gap="300">
                {failure && <Banner tone="critical" title={failure.message} />}
                <FileField
                  label={t("pim.spreadsheet.file")}
                  error={fieldError("file")}
                />
                <Select
                  label={t("pim.spreadsheet.keyColumn")}
                  name="key"
                  value={key}
                  onChange={setKey}
                  error={fieldError("key")}
                  options={[
                    { label: "SKU", value: "sku" },
                    { label: "Handle", value: "handle" },
                  ]}
                />
                <TextField
                  label={t("pim.spreadsheet.mapping")}
                  name="mapping"
                  value={mapping}
                  onChange={setMapping}
                  error={fieldError("mapping")}
                  multiline={3}
                  autoComplete="off"
                />
                <Select
                  label={t("pim.spreadsheet.mode")}
                  name="mode"
                  value={mode}
                  onChange={setMode}
                  options={[
                    {
                      label: t("pim.spreadsheet.allOrNothing"),
                      value: "all-or-nothing",
                    },
                    {
                      label: t("pim.spreadsheet.validRows"),
                      value: "valid-rows",
                    },
                  ]}
                />
                <InlineStack gap="200">
                  <Button
                    submit
                    onClick={() => setIntent("dry-run")}
                    loading={busy}
                  >
                    {t("pim.spreadsheet.dryRun")}
                  </Button>
                  <Button
                    submit
                    onClick={() => setIntent("apply")}
                    variant="primary"
                    loading={busy}
                  >
                    {t("pim.spreadsheet.apply")}
                  </Button>
                </InlineStack>
              </BlockStack>
            </Form>
          </Card>
        </Layout.Section>
        {background && (working || background.status === "FAILED") && (
          <Layout.Section>
            <Card>
              <BlockStack gap="200">
                <Text as="p">
                  {background.status === "FAILED"
                    ? (background.error ?? "")
                    : t("pim.spreadsheet.queued")}
                </Text>
                {working && (
                  <ProgressBar
                    progress={
                      background.totalRows
                        ? Math.round(
                            (background.doneRows * 100) / background.totalRows,
                          )
                        : 0
                    }
                  />
                )}
              </BlockStack>
            </Card>
          </Layout.Section>
        )}
        {report && (
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Banner
                  tone={report.errors.length ? "warning" : "success"}
                  title={
                    report.applied
                      ? t("pim.spreadsheet.applied", {
                          rows: report.validRows,
                          changed: report.values,
                        })
                      : t("pim.spreadsheet.report", {
                          rows: report.rows,
                          valid: report.validRows,
                          invalid: report.invalidRows,
                          changed: report.values,
                        })
                  }
                >
                  {!report.applied &&
                    result?.ok &&
                    result.intent === "apply" && (
                      <p>{t("pim.spreadsheet.notApplied")}</p>
                    )}
                </Banner>
                {report.errors.length > 0 && (
                  <DataTable
                    columnContentTypes={["numeric", "text", "text"]}
                    headings={[
                      t("pim.spreadsheet.row"),
                      t("pim.spreadsheet.column"),
                      t("pim.spreadsheet.error"),
                    ]}
                    rows={report.errors
                      .slice(0, 500)
                      .map((e) => [e.row, e.column, e.message])}
                  />
                )}
              </BlockStack>
            </Card>
          </Layout.Section>
        )}
        <Layout.Section variant="oneThird">
          <SpreadsheetExportCard />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
