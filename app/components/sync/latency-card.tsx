import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import { useT } from "~/i18n";
import type { ChannelLatency } from "~/sync/overview";
import { LatencyChart } from "./latency-chart";

const seconds = (ms: number | null) =>
  ms === null ? "—" : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 0)} s`;

/** p50/p95 approval → live per channel, and the daily p95 trend. */
export function LatencyCard({ latency }: { latency: ChannelLatency[] }) {
  const t = useT();
  const any = latency.some((l) => l.count > 0);
  return (
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
            <BlockStack key={l.channel} gap="100">
              <Text as="h3" variant="headingSm">
                {t(`sync.channel.${l.channel}`)}
              </Text>
              <Text as="p" variant="headingLg">
                {`${t("sync.p50")} ${seconds(l.p50Ms)} · ${t("sync.p95")} ${seconds(l.p95Ms)}`}
              </Text>
              <Text as="p" tone="subdued">
                {t("sync.samples", { count: l.count })}
              </Text>
            </BlockStack>
          ))}
        </InlineGrid>
        {any ? (
          <LatencyChart
            series={latency.map((l) => ({
              name: t(`sync.channel.${l.channel}`),
              points: l.daily.map((d) => ({ day: d.day, p95Ms: d.p95Ms })),
            }))}
          />
        ) : (
          <Text as="p">{t("sync.noSamples")}</Text>
        )}
      </BlockStack>
    </Card>
  );
}
