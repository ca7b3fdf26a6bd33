// Launches: every season or drop of the shop with its go-live time, status and how many products are ready (or
// live), and the way to create one. Revalidates while a launch is staging, going live or rolling back.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useNavigate } from "@remix-run/react";
import { Card, Layout, Page } from "@shopify/polaris";
import { EmptyStatePage } from "~/components/empty-state-page";
import {
  LaunchesTable,
  type LaunchListRow,
} from "~/components/launch/launches-table";
import { useRevalidateWhile } from "~/components/use-revalidate-while";
import { useT } from "~/i18n";
import { isLaunchBusy } from "~/components/launch/launch-status-badge";
import { listLaunches, type LaunchSummary } from "~/launch/launch.server";
import { authenticate } from "~/shopify.server";

/** Products live on every included channel: the slowest channel's count. */
function liveCount(launch: LaunchSummary): number {
  const counted = launch.progress.filter((p) => p.total > 0);
  return counted.length ? Math.min(...counted.map((p) => p.live)) : 0;
}

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const launches = await listLaunches(session.shop);
  const rows: LaunchListRow[] = launches.map((launch) => ({
    id: launch.id,
    name: launch.name,
    status: launch.status,
    goLiveAt: launch.goLiveAt?.toISOString() ?? null,
    productCount: launch.productCount,
    readyCount: launch.readyCount,
    liveCount: liveCount(launch),
  }));
  return { rows };
};

export default function Launches() {
  const { rows } = useLoaderData<typeof loader>();
  const t = useT();
  const navigate = useNavigate();
  // A season's staging takes longer than one budget of looks: each status or live count that moves renews it.
  useRevalidateWhile(
    rows.some((row) => isLaunchBusy(row.status)),
    {
      everyMs: 3_000,
      max: 200,
      progress: rows.map((row) => `${row.status}/${row.liveCount}`).join(" "),
    },
  );
  if (!rows.length)
    return (
      <EmptyStatePage
        title="launch.title"
        heading="launch.emptyHeading"
        body="launch.emptyBody"
        action={{ label: "launch.create", to: "/app/launches/new" }}
      />
    );
  return (
    <Page
      title={t("launch.title")}
      primaryAction={{
        content: t("launch.create"),
        onAction: () => navigate("/app/launches/new"),
      }}
    >
      <Layout>
        <Layout.Section>
          <Card padding="0">
            <LaunchesTable rows={rows} />
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
