// Products: the catalogue mirror with search, filters and completeness per channel; bulk approval, the catalogue
// import (with its progress) and the apparel attribute set for a first-time merchant.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useSubmit } from "@remix-run/react";
import { ApproveOverride } from "~/components/pim/approve-override";
import { useBulkApproval } from "~/components/pim/use-bulk-approval";
import { Card, Layout, Page } from "@shopify/polaris";
import { z } from "zod";
import { EmptyStatePage } from "~/components/empty-state-page";
import { CatalogueImportBanner } from "~/components/pim/catalogue-import-banner";
import { ProductFilters } from "~/components/pim/product-filters";
import { ProductsTable } from "~/components/pim/products-table";
import { useRevalidateWhile } from "~/components/use-revalidate-while";
import { useT } from "~/i18n";
import { formList } from "~/lib/form";
import { actionFailure, actorOf, parseForm } from "~/lib/http.server";
import { overrideReasonField } from "~/pim/approval-gate";
import { approveAndPublish } from "~/pim/approval.server";
import { listFamilies } from "~/pim/attributes.db.server";
import { latestCatalogueImport } from "~/pim/catalogue-import.db.server";
import { queueCatalogueImport, setUpApparelPim } from "~/pim/onboarding.server";
import {
  countProducts,
  listProducts,
  parseProductsIndexQuery,
  productFacets,
} from "~/pim/products-index.db.server";
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
    overrideReason: overrideReasonField,
  }),
]);

export const action = async ({ request }: ActionFunctionArgs) => {
  const auth = await authenticate.admin(request);
  const shop = auth.session.shop;
  try {
    const input = await parseForm(request, actionInput);
    switch (input.intent) {
      case "import":
        await queueCatalogueImport(shop);
        return json({ ok: true as const, intent: "import" as const });
      case "seed-apparel":
        await setUpApparelPim(shop);
        return json({ ok: true as const, intent: "seed-apparel" as const });
      case "approve": {
        const approvals = await approveAndPublish(
          shop,
          input.ids,
          actorOf(auth),
          { overrideReason: input.overrideReason },
        );
        return json({
          ok: true as const,
          intent: "approve" as const,
          approved: approvals.length,
        });
      }
    }
  } catch (error) {
    return actionFailure(error);
  }
};

export default function Products() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const submit = useSubmit();
  const running = data.importRun?.status === "RUNNING";
  // An import's progress: look again while it runs (bounded to ~10 minutes of polling).
  useRevalidateWhile(running, { everyMs: 2_000, max: 300 });
  const startImport = () => submit({ intent: "import" }, { method: "post" });
  const { asking, ask, cancel, approve, incomplete, reasonError, busy } =
    useBulkApproval(data.rows, submit);

  if (data.total === 0 && !running)
    return (
      <EmptyStatePage
        title="products.title"
        heading="products.emptyHeading"
        body="pim.import.emptyBody"
        action={{ label: "pim.import.start", onAction: startImport }}
      />
    );

  return (
    <Page
      title={t("products.title")}
      primaryAction={{
        content: t("pim.import.start"),
        disabled: running,
        onAction: startImport,
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
        {asking && (
          <Layout.Section>
            <ApproveOverride
              incomplete={incomplete}
              error={reasonError}
              busy={busy}
              onApprove={(reason) => approve(asking, reason)}
              onCancel={cancel}
            />
          </Layout.Section>
        )}
        {data.importRun && data.importRun.status !== "COMPLETED" && (
          <Layout.Section>
            <CatalogueImportBanner run={data.importRun} />
          </Layout.Section>
        )}
        <Layout.Section>
          <Card padding="0">
            <div style={{ padding: "12px" }}>
              <ProductFilters
                query={data.query}
                families={data.families}
                facets={data.facets}
              />
            </div>
            <ProductsTable
              rows={data.rows}
              channel={data.query.channel}
              page={data.query.page}
              hasNext={data.hasNext}
              onApprove={ask}
            />
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
