import { Form, useNavigation } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Button,
  Card,
  InlineStack,
  ResourceList,
  Text,
} from "@shopify/polaris";
import { useT } from "~/i18n";
import type { StateRow } from "~/sync/overview";

/** Failed, blocked and stuck product × channel items, each with a retry button (posts to /app/activity). */
export function ProblemList({ rows }: { rows: StateRow[] }) {
  const t = useT();
  const busy = useNavigation().state !== "idle";
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("sync.stuckTitle")}
        </Text>
        {rows.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("sync.stuckNone")}
          </Text>
        ) : (
          <ResourceList
            items={rows}
            renderItem={(row) => (
              <ResourceList.Item
                id={`${row.productId}-${row.channel}`}
                onClick={() => undefined}
              >
                <InlineStack
                  align="space-between"
                  blockAlign="center"
                  gap="300"
                >
                  <BlockStack gap="100">
                    <InlineStack gap="200">
                      <Text as="span" fontWeight="semibold">
                        {row.productTitle}
                      </Text>
                      <Badge>{t(`sync.channel.${row.channel}`)}</Badge>
                      <Badge
                        tone={row.status === "BLOCKED" ? "warning" : "critical"}
                      >
                        {t(`sync.status.${row.status as "FAILED"}`)}
                      </Badge>
                    </InlineStack>
                    {row.reason ? (
                      <Text as="p" tone="subdued">
                        {row.reason}
                      </Text>
                    ) : null}
                  </BlockStack>
                  <Form method="post" action="/app/activity">
                    <input
                      type="hidden"
                      name="productId"
                      value={row.productId}
                    />
                    <input type="hidden" name="channel" value={row.channel} />
                    <Button submit loading={busy}>
                      {t("sync.retry")}
                    </Button>
                  </Form>
                </InlineStack>
              </ResourceList.Item>
            )}
          />
        )}
      </BlockStack>
    </Card>
  );
}
