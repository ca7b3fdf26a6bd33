// A feed channel's settings: its token URL, the previous URL's grace period after a rotation, and the rotation
// itself behind a confirmation (the channel's settings must then be updated with the new URL).
import { Form } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  InlineStack,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import type { ChannelKind } from "~/channels/kinds";
import { useT } from "~/i18n";

export interface FeedSettingsData {
  url: string;
  /** ISO time until which the previous token still opens the feed (null: none, or expired). */
  previousUntil: string | null;
}

const when = (iso: string) =>
  new Date(iso).toLocaleString("en", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  }) + " UTC";

export function FeedSettings({
  kind,
  feed,
  graceMs,
  busy,
}: {
  kind: ChannelKind;
  feed: FeedSettingsData;
  graceMs: number;
  busy: boolean;
}) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  return (
    <BlockStack gap="200">
      <TextField
        label={t("sync.feedUrl")}
        value={feed.url}
        readOnly
        autoComplete="off"
      />
      {feed.previousUntil ? (
        <Text as="p" tone="subdued">
          {t("sync.previousFeedUrl", { until: when(feed.previousUntil) })}
        </Text>
      ) : null}
      {confirming ? (
        <Banner tone="warning">
          <BlockStack gap="200">
            <Text as="p">
              {t("sync.rotateConfirm", {
                until: when(new Date(Date.now() + graceMs).toISOString()),
              })}
            </Text>
            <InlineStack gap="200">
              <Form method="post" onSubmit={() => setConfirming(false)}>
                <input type="hidden" name="intent" value="rotate-feed-token" />
                <input type="hidden" name="kind" value={kind} />
                <Button submit variant="primary" tone="critical" loading={busy}>
                  {t("sync.rotateConfirmAction")}
                </Button>
              </Form>
              <Button onClick={() => setConfirming(false)}>
                {t("sync.cancel")}
              </Button>
            </InlineStack>
          </BlockStack>
        </Banner>
      ) : (
        <InlineStack>
          <Button onClick={() => setConfirming(true)}>
            {t("sync.rotateToken")}
          </Button>
        </InlineStack>
      )}
    </BlockStack>
  );
}
