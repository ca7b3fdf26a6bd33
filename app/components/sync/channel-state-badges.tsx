// A product's state on each channel as badges, each followed by why it is not live ("Draft in Shopify: shoppers
// cannot see it", "No approved image: not in the feed", a pre-flight reason) when it is not.
import { Badge, BlockStack, InlineStack, Text } from "@shopify/polaris";
import { useT } from "~/i18n";
import type { ChannelKind } from "~/channels/kinds";
import { statusTone } from "./status-tone";

export interface ChannelState {
  channel: ChannelKind;
  status: string;
  reason: string | null;
}

export function ChannelStateBadges({ states }: { states: ChannelState[] }) {
  const t = useT();
  return (
    <BlockStack gap="100">
      {states.map((s) => (
        <div key={s.channel} data-channel={s.channel} data-status={s.status}>
          <InlineStack gap="100" blockAlign="center" wrap={false}>
            <Badge tone={statusTone(s.status)}>
              {`${t(`sync.channel.${s.channel}`)}: ${t(`sync.status.${s.status as "LIVE"}`)}`}
            </Badge>
            {s.reason && s.status !== "LIVE" ? (
              <Text as="span" tone="subdued" variant="bodySm">
                {s.reason}
              </Text>
            ) : null}
          </InlineStack>
        </div>
      ))}
    </BlockStack>
  );
}
