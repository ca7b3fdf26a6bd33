// One channel on the Channels page: its name, on/off, what it does, where its products stand, and its settings
// (the page passes the settings form the channel's kind takes: file naming, a feed URL, an endpoint).
import { Form } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Button,
  Card,
  InlineStack,
  Text,
} from "@shopify/polaris";
import type { ReactNode } from "react";
import type { ChannelKind } from "~/channels/kinds";
import { useT } from "~/i18n";

export interface ChannelCounts {
  LIVE: number;
  PENDING: number;
  SYNCING: number;
  BLOCKED: number;
  FAILED: number;
}

export function ChannelCard({
  kind,
  enabled,
  canToggle,
  counts,
  busy,
  children,
}: {
  kind: ChannelKind;
  enabled: boolean;
  /** Whether the merchant can turn it on or off now (optional, and set up). */
  canToggle: boolean;
  counts: ChannelCounts;
  busy: boolean;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t(`sync.channel.${kind}`)}
          </Text>
          <Badge tone={enabled ? "success" : undefined}>
            {enabled ? t("sync.on") : t("sync.off")}
          </Badge>
        </InlineStack>
        <Text as="p">{t(`sync.channelBody.${kind}`)}</Text>
        <Text as="p" tone="subdued">
          {t("sync.states", {
            live: counts.LIVE,
            pending: counts.PENDING + counts.SYNCING,
            blocked: counts.BLOCKED,
            failed: counts.FAILED,
          })}
        </Text>
        {children}
        {canToggle ? (
          <Form method="post">
            <input type="hidden" name="intent" value="toggle" />
            <input type="hidden" name="kind" value={kind} />
            <input type="hidden" name="enabled" value={String(!enabled)} />
            <Button submit loading={busy}>
              {enabled ? t("sync.turnOff") : t("sync.turnOn")}
            </Button>
          </Form>
        ) : null}
      </BlockStack>
    </Card>
  );
}
