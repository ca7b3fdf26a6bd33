// Approval → observed live per channel: replacements (a new version of an image already live — the promise) and
// first publishes (new links, first approvals) apart, each with p50/p95 and how many changes they cover; the daily
// p95 trend below, drawn by a chart loaded only in the browser, after the page (it is a large script).
import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import { lazy, Suspense, useEffect, useState } from "react";
import { useT } from "~/i18n";
import type { ChannelLatency, LatencyStats } from "~/sync/overview";

const LatencyChart = lazy(() => import("./latency-chart"));

const seconds = (ms: number | null) =>
  ms === null ? "—" : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

function StatsLine({
  label,
  stats,
  kind,
}: {
  label: string;
  stats: LatencyStats;
  kind: string;
}) {
  const t = useT();
  return (
    <div data-latency={kind}>
      <BlockStack gap="050">
        <Text as="h4" variant="bodySm" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="bodyMd" fontWeight="semibold">
          {stats.count === 0
            ? t("sync.latencyNone")
            : t("sync.latencyLine", {
                p50: seconds(stats.p50Ms),
                p95: seconds(stats.p95Ms),
                count: stats.count,
              })}
        </Text>
      </BlockStack>
    </div>
  );
}

export function LatencyCard({ latency }: { latency: ChannelLatency[] }) {
  const t = useT();
  const any = latency.some((l) => l.count > 0);
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return (
    <div id="latency">
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {t("sync.latencyTitle")}
          </Text>
          <Text as="p" tone="subdued">
            {t("sync.latencyBody")}
          </Text>
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
            {latency.map((l) => (
              <div key={l.channel} data-latency-channel={l.channel}>
                <BlockStack gap="200">
                  <Text as="h3" variant="headingSm">
                    {t(`sync.channel.${l.channel}`)}
                  </Text>
                  <StatsLine
                    kind="replacements"
                    label={t("sync.replacements")}
                    stats={l}
                  />
                  <StatsLine
                    kind="first-publishes"
                    label={t("sync.firstPublishes")}
                    stats={l.firstPublish}
                  />
                </BlockStack>
              </div>
            ))}
          </InlineGrid>
          {!any ? (
            <Text as="p">{t("sync.noSamples")}</Text>
          ) : (
            <div style={{ height: 240 }}>
              {mounted && (
                <Suspense
                  fallback={
                    <Text as="p" tone="subdued">
                      {t("sync.chartLoading")}
                    </Text>
                  }
                >
                  <LatencyChart
                    series={latency.map((l) => ({
                      name: t(`sync.channel.${l.channel}`),
                      points: l.daily.map((d) => ({
                        day: d.day,
                        p95Ms: d.p95Ms,
                      })),
                    }))}
                  />
                </Suspense>
              )}
            </div>
          )}
        </BlockStack>
      </Card>
    </div>
  );
}
