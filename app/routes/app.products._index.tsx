import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  useLoaderData,
  useNavigate,
  useRevalidator,
  useSearchParams,
  useSubmit,
} from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  EmptyState,
  IndexTable,
  InlineStack,
  Layout,
  Page,
  Pagination,
  ProgressBar,
  Select,
  Text,
  TextField,
  useIndexResourceState,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import { z } from "zod";
import { useT } from "~/i18n";
import { formList } from "~/lib/form";
import { actionFailure, actorOf, parseForm } from "~/lib/http.server";
import { enqueue } from "~/jobs/enqueue.server";
import { seedApparelAttributes } from "~/pim/apparel-seed.server";
import { approveAndPublish } from "~/pim/approval.server";
import { listFamilies } from "~/pim/attributes.db.server";
import { CHANNELS } from "~/pim/channels";
import { latestCatalogueImport } from "~/pim/mirror.db.server";
import {
  countProducts,
  listProducts,
  parseProductsIndexQuery,
  productFacets,
} from "~/pim/products-index.db.server";
import { recomputeAllCompleteness } from "~/pim/values.db.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = session.shop;
  const query = parseProductsIndexQuery(new URL(request.url).searchParams);
  const [page, facets, families, total, latest] = await Promise.all([
    listProducts(shop, query),
    productFacets(shop),
    listFamilies(shop),
    countProducts(shop),
    latestCatalogueImport(shop),
  ]);
  return {
    query,
    ...page,
    facets,
    families: families.map((f) => ({ id: f.id, name: f.name })),
    total,
    importRun: latest && {
      status: latest.status,
      linesRead: latest.linesRead,
      totalObjects: latest.totalObjects,
      products: latest.products,
      error: latest.error,
    },
  };
};

const actionInput = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("import") }),
  z.object({ intent: z.literal("seed-apparel") }),
  z.object({
    intent: z.literal("approve"),
    ids: formList(z.string().min(1).max(40)).pipe(
      z.array(z.string()).min(1).max(250),
    ),
  }),
]);

export const action = async ({ request }: ActionFunctionArgs) => {
  const context = await authenticate.admin(request);
  const shop = context.session.shop;
  try {
    const parsed = { data: await parseForm(request, actionInput) };
    switch (parsed.data.intent) {
      case "import":
        await enqueue("catalogue.import", { shop });
        return json({ ok: true as const, intent: "import" });
      case "seed-apparel":
        await seedApparelAttributes(shop);
        await recomputeAllCompleteness(shop);
        return json({ ok: true as const, intent: "seed-apparel" });
      case "approve": {
        const approvals = await approveAndPublish(
          shop,
          parsed.data.ids,
          actorOf(context),
        );
        return json({
          ok: true as const,
          intent: "approve",
          approved: approvals.length,
        });
      }
    }
  } catch (error) {
    return actionFailure(error);
  }
};

const statusTone = {
  APPROVED: "success",
  PENDING: "attention",
  DRAFT: undefined,
} as const;

function completenessTone(percent: number | undefined) {
  if (percent === undefined) return undefined;
  return percent === 100 ? "success" : percent >= 50 ? "attention" : "critical";
}

export default function Products() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const navigate = useNavigate();
  const submit = useSubmit();
  const revalidator = useRevalidator();
  const [params] = useSearchParams();
  const [q, setQ] = useState(data.query.q ?? "");
  const running = data.importRun?.status === "RUNNING";

  // Progress of a running import: poll the loader until it finishes.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.revalidate(), 2000);
    return () => clearInterval(timer);
  }, [running, revalidator]);

  const { selectedResources, allResourcesSelected, handleSelectionChange } =
    useIndexResourceState(data.rows);

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete("page");
    navigate(`?${next.toString()}`);
  };

  const goToPage = (page: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(page));
    navigate(`?${next.toString()}`);
  };

  if (data.total === 0 && !running)
    return (
      <Page title={t("products.title")}>
        <Card>
          <EmptyState
            heading={t("products.emptyHeading")}
            image="/empty-state.svg"
            action={{
              content: t("pim.import.start"),
              onAction: () => submit({ intent: "import" }, { method: "post" }),
            }}
          >
            <p>{t("pim.import.emptyBody")}</p>
          </EmptyState>
        </Card>
      </Page>
    );

  const progress =
    data.importRun?.totalObjects && data.importRun.totalObjects > 0
      ? Math.min(
          100,
          Math.round(
            (data.importRun.linesRead * 100) / data.importRun.totalObjects,
          ),
        )
      : 0;

  return (
    <Page
      title={t("products.title")}
      primaryAction={{
        content: t("pim.import.start"),
        disabled: running,
        onAction: () => submit({ intent: "import" }, { method: "post" }),
      }}
      secondaryActions={[
        {
          content: t("pim.spreadsheet.title"),
          url: "/app/products/spreadsheet",
        },
        { content: t("pim.attributes.title"), url: "/app/attributes" },
        {
          content: t("pim.seedApparel"),
          onAction: () =>
            submit({ intent: "seed-apparel" }, { method: "post" }),
        },
      ]}
    >
      <Layout>
        {data.importRun && data.importRun.status !== "COMPLETED" && (
          <Layout.Section>
            <Banner
              tone={data.importRun.status === "FAILED" ? "critical" : "info"}
              title={t(
                data.importRun.status === "FAILED"
                  ? "pim.import.failed"
                  : "pim.import.running",
              )}
            >
              <BlockStack gap="200">
                {running && <ProgressBar progress={progress} size="small" />}
                <Text as="p">
                  {data.importRun.error ??
                    t("pim.import.progress", {
                      products: data.importRun.products,
                    })}
                </Text>
              </BlockStack>
            </Banner>
          </Layout.Section>
        )}
        <Layout.Section>
          <Card padding="0">
            <div style={{ padding: "12px" }}>
              <Form method="get">
                {[...params.entries()]
                  .filter(([key]) => key !== "q" && key !== "page")
                  .map(([key, value]) => (
                    <input key={key} type="hidden" name={key} value={value} />
                  ))}
                <InlineStack gap="200" blockAlign="end" wrap>
                  <div style={{ minWidth: 240 }}>
                    <TextField
                      label={t("pim.index.search")}
                      name="q"
                      value={q}
                      onChange={setQ}
                      autoComplete="off"
                      clearButton
                      onClearButtonClick={() => setParam("q", "")}
                    />
                  </div>
                  <Select
                    label={t("pim.index.family")}
                    value={data.query.familyId ?? ""}
                    onChange={(v) => setParam("familyId", v)}
                    options={[
                      { label: t("pim.index.any"), value: "" },
                      { label: t("pim.index.noFamily"), value: "none" },
                      ...data.families.map((f) => ({
                        label: f.name,
                        value: f.id,
                      })),
                    ]}
                  />
                  <Select
                    label={t("pim.index.status")}
                    value={data.query.status ?? ""}
                    onChange={(v) => setParam("status", v)}
                    options={[
                      { label: t("pim.index.any"), value: "" },
                      { label: t("pim.status.DRAFT"), value: "DRAFT" },
                      { label: t("pim.status.PENDING"), value: "PENDING" },
                      { label: t("pim.status.APPROVED"), value: "APPROVED" },
                    ]}
                  />
                  <Select
                    label={t("pim.index.vendor")}
                    value={data.query.vendor ?? ""}
                    onChange={(v) => setParam("vendor", v)}
                    options={[
                      { label: t("pim.index.any"), value: "" },
                      ...data.facets.vendors.map((v) => ({
                        label: v,
                        value: v,
                      })),
                    ]}
                  />
                  <Select
                    label={t("pim.index.type")}
                    value={data.query.productType ?? ""}
                    onChange={(v) => setParam("productType", v)}
                    options={[
                      { label: t("pim.index.any"), value: "" },
                      ...data.facets.productTypes.map((v) => ({
                        label: v,
                        value: v,
                      })),
                    ]}
                  />
                  <Select
                    label={t("pim.index.channel")}
                    value={data.query.channel}
                    onChange={(v) => setParam("channel", v)}
                    options={CHANNELS.map((c) => ({
                      label: t(`pim.channel.${c}`),
                      value: c,
                    }))}
                  />
                  <Select
                    label={t("pim.index.completeness")}
                    value={data.query.completeness ?? ""}
                    onChange={(v) => setParam("completeness", v)}
                    options={[
                      { label: t("pim.index.any"), value: "" },
                      { label: t("pim.index.complete"), value: "complete" },
                      { label: t("pim.index.incomplete"), value: "incomplete" },
                    ]}
                  />
                  <Button submit>{t("pim.index.apply")}</Button>
                </InlineStack>
              </Form>
            </div>
            <IndexTable
              resourceName={{
                singular: t("pim.index.product"),
                plural: t("pim.index.products"),
              }}
              itemCount={data.rows.length}
              selectedItemsCount={
                allResourcesSelected ? "All" : selectedResources.length
              }
              onSelectionChange={handleSelectionChange}
              promotedBulkActions={[
                {
                  content: t("pim.index.approve"),
                  onAction: () => {
                    const form = new FormData();
                    form.set("intent", "approve");
                    for (const id of selectedResources) form.append("ids", id);
                    submit(form, { method: "post" });
                  },
                },
              ]}
              headings={[
                { title: t("pim.index.product") },
                { title: t("pim.index.family") },
                { title: t("pim.index.status") },
                {
                  title: t("pim.index.completenessOn", {
                    channel: t(`pim.channel.${data.query.channel}`),
                  }),
                },
                { title: t("pim.index.vendor") },
                { title: t("pim.index.type") },
                { title: t("pim.index.variants") },
              ]}
            >
              {data.rows.map((row, index) => {
                const percent = row.completeness[data.query.channel];
                return (
                  <IndexTable.Row
                    id={row.id}
                    key={row.id}
                    position={index}
                    selected={selectedResources.includes(row.id)}
                    onClick={() => navigate(`/app/products/${row.id}`)}
                  >
                    <IndexTable.Cell>
                      <Text as="span" fontWeight="semibold">
                        {row.title}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{row.familyName ?? "—"}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <Badge
                        tone={
                          statusTone[row.pimStatus as keyof typeof statusTone]
                        }
                      >
                        {t(`pim.status.${row.pimStatus as "DRAFT"}`)}
                      </Badge>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      {percent === undefined ? (
                        "—"
                      ) : (
                        <InlineStack gap="100" wrap={false}>
                          <Badge
                            tone={completenessTone(percent)}
                          >{`${percent}%`}</Badge>
                          {CHANNELS.filter(
                            (c) =>
                              c !== data.query.channel &&
                              row.completeness[c] !== undefined,
                          ).map((c) => (
                            <Text
                              as="span"
                              key={c}
                              tone="subdued"
                              variant="bodySm"
                            >
                              {`${t(`pim.channel.${c}`)} ${row.completeness[c]}%`}
                            </Text>
                          ))}
                        </InlineStack>
                      )}
                    </IndexTable.Cell>
                    <IndexTable.Cell>{row.vendor ?? ""}</IndexTable.Cell>
                    <IndexTable.Cell>{row.productType ?? ""}</IndexTable.Cell>
                    <IndexTable.Cell>{row.variants}</IndexTable.Cell>
                  </IndexTable.Row>
                );
              })}
            </IndexTable>
            <div
              style={{
                padding: "12px",
                display: "flex",
                justifyContent: "center",
              }}
            >
              <Pagination
                hasPrevious={data.query.page > 1}
                hasNext={data.hasNext}
                onPrevious={() => goToPage(data.query.page - 1)}
                onNext={() => goToPage(data.query.page + 1)}
              />
            </div>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
