// How complete the product is on each channel, with what is still missing.
import {
  Badge,
  BlockStack,
  Card,
  InlineStack,
  ProgressBar,
  Text,
} from "@shopify/polaris";
import { useT } from "~/i18n";
import type { Channel } from "~/pim/channels";
import type { EditorView } from "~/pim/editor-view";

export function CompletenessCard({
  completeness,
}: {
  completeness: EditorView["completeness"];
}) {
  const t = useT();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("pim.editor.completeness")}
        </Text>
        {completeness.map((c) => {
          const missing = [...new Set(c.missing.map((m) => m.attribute))];
          const tone = c.percent === 100 ? "success" : undefined;
          return (
            <BlockStack gap="100" key={c.channel}>
              <InlineStack align="space-between">
                <Text as="span">
                  {t(`pim.channel.${c.channel as Channel}`)}
                </Text>
                <Badge tone={tone ?? "attention"}>{`${c.percent}%`}</Badge>
              </InlineStack>
              <ProgressBar
                progress={c.percent}
                size="small"
                tone={tone ?? "highlight"}
              />
              <Text as="p" tone="subdued" variant="bodySm">
                {missing.length
                  ? t("pim.editor.missing", { fields: missing.join(", ") })
                  : t("pim.editor.nothingMissing")}
              </Text>
            </BlockStack>
          );
        })}
      </BlockStack>
    </Card>
  );
}
