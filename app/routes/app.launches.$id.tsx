// One launch: its blockers and the readiness board (product × channel), staging under embargo, go-live (scheduled
// or now) with live progress per channel, failed products with Retry, and Roll back. The worker does the work;
// the page looks again every second while it stages, releases or rolls back.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Layout, Page } from "@shopify/polaris";
import { z } from "zod";
import { channelKinds } from "~/channels/kinds";
import { BlockersCard } from "~/components/launch/blockers-card";
import { GoLiveCard } from "~/components/launch/go-live-card";
import {
  isLaunchBusy,
  LaunchStatusBadge,
} from "~/components/launch/launch-status-badge";
import type {
  BoardRow,
  FailedProduct,
  LaunchView,
} from "~/components/launch/launch-view";
import { ReadinessBoard } from "~/components/launch/readiness-board";
import { StageCard } from "~/components/launch/stage-card";
import { useRevalidateWhile } from "~/components/use-revalidate-while";
import { useT } from "~/i18n";
import { launchActionSchema } from "~/launch/launch.schema";
import {
  deleteLaunch,
  getLaunch,
  goLiveNow,
  previewLaunch,
  previewWork,
  endPreview,
  retryLaunchFailures,
  rollbackLaunch,
  scheduleLaunch,
  stageLaunch,
  type LaunchDetail,
  type LaunchProductRow,
} from "~/launch/launch.server";
import {
  actionFailure,
  loaderFailure,
  parseForm,
  readForm,
  requireParam,
} from "~/lib/http.server";
import { authenticate } from "~/shopify.server";

const boardQuery = z.object({
  cursor: z.string().max(64).optional(),
  filter: z.enum(["blocked"]).optional(),
});

const iso = (date: Date | null) => date?.toISOString() ?? null;

function launchView(
  launch: LaunchDetail,
  preview: LaunchView["previewWork"],
): LaunchView {
  return {
    id: launch.id,
    name: launch.name,
    status: launch.status,
    goLiveAt: iso(launch.goLiveAt),
    stagedAt: iso(launch.stagedAt),
    goLiveStartedAt: iso(launch.goLiveStartedAt),
    allLiveAt: iso(launch.allLiveAt),
    rolledBackAt: iso(launch.rolledBackAt),
    error: launch.error,
    productCount: launch.productCount,
    readyCount: launch.readyCount,
    previewCount: launch.previewCount,
    previewWork: preview,
    progress: launch.progress,
  };
}

const boardRow = (row: LaunchProductRow): BoardRow => ({
  productId: row.productId,
  title: row.title,
  status: row.status,
  previewUrl: row.previewUrl,
  channels: row.channels.map((c) => ({
    channel: c.channel,
    state: c.state,
    ready: c.ready,
    completeness: c.completeness,
    missingAttributes: c.missingAttributes,
    missingShots: c.missingShots,
    mainImageTooSmall: c.mainImageTooSmall,
    preflightFailures: c.preflightFailures,
    error: c.error,
    observedOff: c.observedOff
      ? { at: c.observedOff.at.toISOString(), reason: c.observedOff.reason }
      : null,
  })),
});

/** Every failed product × channel of the launch (the first 250), named with why. */
async function failedProducts(
  shop: string,
  launch: LaunchDetail,
): Promise<FailedProduct[]> {
  if (!launch.progress.some((p) => p.failed > 0)) return [];
  const { products } = await getLaunch(shop, launch.id, {
    filter: "failed",
    take: 250,
  });
  return products.flatMap((row) =>
    row.channels
      .filter((c) => c.state === "FAILED")
      .map((c) => ({
        productId: row.productId,
        title: row.title,
        channel: c.channel,
        error: c.error ?? "",
      })),
  );
}

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const launchId = requireParam(params, "id");
  const query = boardQuery.safeParse(
    Object.fromEntries(new URL(request.url).searchParams),
  );
  const view = query.data ?? {};
  try {
    const launch = await getLaunch(session.shop, launchId, {
      cursor: view.cursor,
      filter: view.filter ?? "all",
    });
    const used = launch.progress
      .filter((p) => p.total > 0)
      .map((p) => p.channel);
    return {
      launch: launchView(launch, await previewWork(session.shop, launch)),
      // Go-live is due but its job has not moved the launch yet ("Go live now" answers before the worker starts).
      goLiveDue:
        (launch.status === "DRAFT" || launch.status === "STAGED") &&
        launch.goLiveAt !== null &&
        launch.goLiveAt.getTime() <= Date.now(),
      channels: used.length ? used : [...channelKinds],
      rows: launch.products.map(boardRow),
      nextCursor: launch.nextCursor,
      blockers: launch.blockers.map((b) => ({
        channel: b.channel,
        kind: b.kind,
        count: b.count,
        message: b.message,
      })),
      failed: await failedProducts(session.shop, launch),
      onlyBlocked: view.filter === "blocked",
    };
  } catch (error) {
    return loaderFailure(error);
  }
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const auth = await authenticate.admin(request);
  const shop = auth.session.shop;
  const launchId = requireParam(params, "id");
  const form = await readForm(request);
  try {
    const input = await parseForm(form, launchActionSchema);
    switch (input.intent) {
      case "stage":
        await stageLaunch(shop, launchId);
        break;
      case "schedule":
        await scheduleLaunch(shop, launchId, input.goLiveAt);
        break;
      case "go-live-now":
        await goLiveNow(shop, launchId);
        break;
      case "rollback":
        await rollbackLaunch(shop, launchId);
        break;
      case "preview":
        await previewLaunch(shop, launchId);
        break;
      case "end-preview":
        await endPreview(shop, launchId);
        break;
      case "retry-failed":
        await retryLaunchFailures(shop, launchId);
        break;
      case "delete":
        await deleteLaunch(shop, launchId);
        return redirect("/app/launches");
    }
    return json({ ok: true as const, intent: input.intent });
  } catch (error) {
    return actionFailure(error, form);
  }
};

export default function LaunchPage() {
  const data = useLoaderData<typeof loader>();
  const { launch } = data;
  const t = useT();
  useRevalidateWhile(
    isLaunchBusy(launch.status) ||
      data.goLiveDue ||
      launch.previewWork !== null,
    {
      everyMs: 1_000,
      max: 600,
      // Ten minutes without news stop the looking; any move (a product staged or live, the preview's links) does not.
      progress: [
        launch.status,
        launch.previewCount,
        launch.previewWork,
        ...launch.progress.map((p) => `${p.staged}/${p.live}/${p.failed}`),
      ].join(" "),
    },
  );
  return (
    <Page
      title={launch.name}
      titleMetadata={<LaunchStatusBadge status={launch.status} />}
      backAction={{ content: t("launch.title"), url: "/app/launches" }}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {launch.error ? (
              <Banner tone="critical" title={t("launch.stopped")}>
                <p>{launch.error}</p>
              </Banner>
            ) : null}
            <GoLiveCard launch={launch} failed={data.failed} />
            <BlockersCard
              blockers={data.blockers}
              channels={data.channels}
              readyCount={launch.readyCount}
              productCount={launch.productCount}
            />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <StageCard launch={launch} />
        </Layout.Section>
        <Layout.Section>
          <ReadinessBoard
            launchId={launch.id}
            channels={data.channels}
            rows={data.rows}
            onlyBlocked={data.onlyBlocked}
            nextCursor={data.nextCursor}
          />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
