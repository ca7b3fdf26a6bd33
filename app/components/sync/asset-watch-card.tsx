// "Going live": the asset's latest approval on every channel, pending → live, with the version and the seconds
// from Approve to observed live. Fed by useAssetWatch (updated without reloading the page).
import { Badge, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { useT } from "~/i18n";
import type { AssetWatch, ChannelWatch } from "~/sync/asset-watch";
import { statusTone } from "./status-tone";

export const elapsed = (ms: number) =>
  ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;

function ChannelRow({
  channel,
  version,
}: {
  channel: ChannelWatch;
  version: string;
}) {
  const t = useT();
  const time = elapsed(channel.elapsedMs);
  return (
    <BlockStack gap="050">
      <div data-watch-channel={channel.channel} data-state={channel.state}>
        <InlineStack gap="200" blockAlign="center" wrap={false}>
          <Text as="span">{t(`sync.channel.${channel.channel}`)}</Text>
          <Badge
            tone={statusTone(channel.state)}
            progress={
              channel.state === "PENDING" ? "partiallyComplete" : "complete"
            }
          >
            {t(`sync.watch.state.${channel.state}`, { version, time })}
          </Badge>
        </InlineStack>
      </div>
      {channel.products > 0 && (
        <Text as="p" tone="subdued" variant="bodySm">
          {t("sync.watch.counts", {
            live: channel.live,
            products: channel.products,
          })}
          {channel.reason ? ` · ${channel.reason}` : ""}
        </Text>
      )}
    </BlockStack>
  );
}

export function AssetWatchCard({ watch }: { watch: AssetWatch | null }) {
  const t = useT();
  if (!watch || watch.channels.length === 0) return null;
  const version = watch.versionNumber ? `v${watch.versionNumber}` : "";
  return (
    <div id="asset-watch">
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            {t(
              watch.kind === "REPLACEMENT"
                ? "sync.watch.titleReplacement"
                : "sync.watch.title",
              { version },
            )}
          </Text>
          {watch.channels.map((c) => (
            <ChannelRow key={c.channel} channel={c} version={version} />
          ))}
        </BlockStack>
      </Card>
    </div>
  );
}
