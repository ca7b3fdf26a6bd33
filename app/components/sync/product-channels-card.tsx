// A product's state on each channel, with the reason when pre-flight blocked it or a push failed.
import { Badge, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { useT } from "~/i18n";
import type { ChannelKind } from "~/channels/kinds";
import { statusTone } from "./status-tone";

export interface ProductChannelState {
  channel: ChannelKind;
  status: string;
  reason: string | null;
}

export function ProductChannelsCard({
  states,
}: {
  states: ProductChannelState[];
}) {
  const t = useT();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("channels.title")}
        </Text>
        {states.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("sync.notPublished")}
          </Text>
        ) : (
          states.map((s) => (
            <BlockStack key={s.channel} gap="100">
              <InlineStack gap="200" blockAlign="center">
                <Text as="span">{t(`sync.channel.${s.channel}`)}</Text>
                <Badge tone={statusTone(s.status)}>
                  {t(`sync.status.${s.status as "LIVE"}`)}
                </Badge>
              </InlineStack>
              {s.reason ? (
                <Text as="p" tone="subdued">
                  {s.reason}
                </Text>
              ) : null}
            </BlockStack>
          ))
        )}
      </BlockStack>
    </Card>
  );
}
