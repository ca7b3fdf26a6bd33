// A product's state on each channel, with the reason when it is not live (Draft in Shopify, not in the feed,
// blocked by pre-flight, a failed push, changed in Shopify).
import { BlockStack, Card, Text } from "@shopify/polaris";
import { useT } from "~/i18n";
import { ChannelStateBadges, type ChannelState } from "./channel-state-badges";

export type ProductChannelState = ChannelState;

export function ProductChannelsCard({
  states,
}: {
  states: ProductChannelState[];
}) {
  const t = useT();
  return (
    <div id="product-channels">
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
            <ChannelStateBadges states={states} />
          )}
        </BlockStack>
      </Card>
    </div>
  );
}
