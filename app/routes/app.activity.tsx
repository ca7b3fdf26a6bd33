import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Button,
  Card,
  DataTable,
  InlineStack,
  Layout,
  Page,
  Text,
} from "@shopify/polaris";
import { z } from "zod";
import { ProblemList } from "~/components/sync/problem-list";
import { statusTone } from "~/components/sync/status-tone";
import { useT } from "~/i18n";
import { actionFailure, parseForm } from "~/lib/http.server";
import { channelKinds } from "~/channels/kinds";
import {
  activity,
  problemStates,
  retryProductChannel,
} from "~/sync/overview.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const url = new URL(request.url);
  const onlyFailed = url.searchParams.get("failed") === "1";
  const cursor = url.searchParams.get("cursor") ?? undefined;
  const [page, problems] = await Promise.all([
    activity(session.shop, { cursor, onlyFailed }),
    problemStates(session.shop),
  ]);
  return { ...page, problems, onlyFailed };
};

const retryInput = z.object({
  productId: z.string().min(1),
  channel: z.enum(channelKinds),
});

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  try {
    const input = await parseForm(request, retryInput);
    await retryProductChannel(session.shop, input.productId, input.channel);
    return { ok: true as const };
  } catch (error) {
    return actionFailure(error);
  }
};

const ms = (value: number | null) =>
  value === null ? "—" : `${(value / 1000).toFixed(2)} s`;

export default function Activity() {
  const { rows, nextCursor, problems, onlyFailed } =
    useLoaderData<typeof loader>();
  const [params, setParams] = useSearchParams();
  const t = useT();
  return (
    <Page title={t("activity.title")}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <ProblemList rows={problems} />
            <Card>
              <BlockStack gap="300">
                <InlineStack align="space-between">
                  <Text as="h2" variant="headingMd">
                    {t("sync.activityTitle")}
                  </Text>
                  <Button
                    pressed={onlyFailed}
                    onClick={() => {
                      const next = new URLSearchParams(params);
                      if (onlyFailed) next.delete("failed");
                      else next.set("failed", "1");
                      next.delete("cursor");
                      setParams(next);
                    }}
                  >
                    {t("sync.onlyFailed")}
                  </Button>
                </InlineStack>
                {rows.length === 0 ? (
                  <Text as="p" tone="subdued">
                    {t("activity.emptyBody")}
                  </Text>
                ) : (
                  <DataTable
                    columnContentTypes={[
                      "text",
                      "text",
                      "text",
                      "text",
                      "numeric",
                      "text",
                      "numeric",
                      "numeric",
                      "numeric",
                      "numeric",
                    ]}
                    headings={[
                      t("sync.product"),
                      t("channels.title"),
                      t("sync.kindColumn"),
                      t("sync.outcomeColumn"),
                      t("sync.variants"),
                      t("sync.approved"),
                      t("sync.enqueued"),
                      t("sync.rendered"),
                      t("sync.pushed"),
                      t("sync.live"),
                    ]}
                    rows={rows.map((row) => [
                      row.productTitle,
                      t(`sync.channel.${row.channel}`),
                      t(`sync.kind.${row.kind as "PUBLISH"}`),
                      <div
                        key={row.id}
                        data-hop-outcome={row.outcome ?? "OPEN"}
                      >
                        <BlockStack gap="050">
                          <InlineStack>
                            <Badge tone={statusTone(row.outcome ?? "PENDING")}>
                              {t(
                                `sync.outcome.${(row.outcome ?? "OPEN") as "LIVE"}`,
                              )}
                            </Badge>
                          </InlineStack>
                          {row.error && row.outcome !== "LIVE" ? (
                            <Text as="span" tone="subdued" variant="bodySm">
                              {row.error}
                            </Text>
                          ) : null}
                        </BlockStack>
                      </div>,
                      row.variants,
                      new Date(row.approvedAt).toLocaleString(),
                      ms(row.hops.enqueuedMs),
                      ms(row.hops.renderedMs),
                      ms(row.hops.pushedMs),
                      ms(row.latencyMs),
                    ])}
                  />
                )}
                {nextCursor ? (
                  <div>
                    <Button
                      onClick={() => {
                        const next = new URLSearchParams(params);
                        next.set("cursor", nextCursor);
                        setParams(next);
                      }}
                    >
                      {t("sync.more")}
                    </Button>
                  </div>
                ) : null}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
