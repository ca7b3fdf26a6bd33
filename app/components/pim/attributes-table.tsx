// The shop's attribute definitions: key, label, type (with localisable / per-channel badges), level and group.
import {
  Badge,
  BlockStack,
  Card,
  DataTable,
  InlineStack,
  Text,
} from "@shopify/polaris";
import { useT } from "~/i18n";
import type { Attribute } from "~/pim/attributes.schema";

export function AttributesTable({ attributes }: { attributes: Attribute[] }) {
  const t = useT();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("pim.attributes.attributes")}
        </Text>
        {attributes.length === 0 ? (
          <Text as="p">{t("pim.attributes.empty")}</Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "text", "text", "text"]}
            headings={[
              t("pim.attributes.key"),
              t("pim.attributes.label"),
              t("pim.attributes.type"),
              t("pim.attributes.level"),
              t("pim.attributes.group"),
            ]}
            rows={attributes.map((a) => [
              a.key,
              a.labels.en ?? a.key,
              <InlineStack gap="100" key={a.key}>
                <Badge>{a.type}</Badge>
                {a.localisable && (
                  <Badge tone="info">{t("pim.attributes.localisable")}</Badge>
                )}
                {a.channelSpecific && (
                  <Badge tone="info">
                    {t("pim.attributes.channelSpecific")}
                  </Badge>
                )}
              </InlineStack>,
              a.level,
              a.group,
            ])}
          />
        )}
      </BlockStack>
    </Card>
  );
}
