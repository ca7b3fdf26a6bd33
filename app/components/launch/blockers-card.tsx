// What stops the launch, grouped over all its products with the fix in words ("3 coats lack a back view"), and the
// shots each channel requires, so the merchant knows what to shoot before the season.
import { Badge, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import type { ChannelKind } from "~/channels/kinds";
import { useT } from "~/i18n";
import { SHOT_REQUIREMENTS, SHOT_WORDS } from "~/launch/shots";
import type { BlockerView } from "./launch-view";

export function BlockersCard({
  blockers,
  channels,
  readyCount,
  productCount,
}: {
  blockers: BlockerView[];
  channels: ChannelKind[];
  readyCount: number;
  productCount: number;
}) {
  const t = useT();
  return (
    <div id="launch-blockers">
      <Card>
        <BlockStack gap="300">
          <InlineStack align="space-between">
            <Text as="h2" variant="headingMd">
              {t("launch.board.blockers")}
            </Text>
            <span data-ready-count={readyCount}>
              <Badge tone={readyCount === productCount ? "success" : "warning"}>
                {t("launch.readyCount", {
                  ready: readyCount,
                  total: productCount,
                })}
              </Badge>
            </span>
          </InlineStack>
          {blockers.length === 0 ? (
            <Text as="p" tone="subdued">
              {t("launch.board.noBlockers")}
            </Text>
          ) : (
            <BlockStack gap="150">
              {blockers.map((blocker) => (
                <div
                  key={`${blocker.channel}-${blocker.kind}-${blocker.message}`}
                  data-blocker-channel={blocker.channel}
                  data-blocker-kind={blocker.kind}
                >
                  <InlineStack gap="200" blockAlign="center" wrap={false}>
                    <Badge tone="warning">
                      {t(`sync.channel.${blocker.channel}`)}
                    </Badge>
                    <Text as="span">{blocker.message}</Text>
                  </InlineStack>
                </div>
              ))}
            </BlockStack>
          )}
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm">
              {t("launch.board.requiredShots")}
            </Text>
            {channels.map((channel) => (
              <Text key={channel} as="p" tone="subdued" variant="bodySm">
                {t("launch.board.channelNeeds", {
                  channel: t(`sync.channel.${channel}`),
                  shots: SHOT_REQUIREMENTS[channel].shots
                    .map((s) => SHOT_WORDS[s])
                    .join(", "),
                })}
              </Text>
            ))}
          </BlockStack>
        </BlockStack>
      </Card>
    </div>
  );
}
