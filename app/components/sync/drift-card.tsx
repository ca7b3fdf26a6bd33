// "Changed in Shopify": app metafields holding PIM values that someone edited in the Shopify admin. Vitrine does
// not overwrite them; the merchant keeps Shopify's value (it becomes the approved value) or restores Vitrine's.
import { useFetcher } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  InlineStack,
  Text,
} from "@shopify/polaris";
import { useT } from "~/i18n";
import { failureOf } from "~/lib/action-result";

export interface DriftItemView {
  id: string;
  key: string | null;
  ours: string | null;
  theirs: string | null;
  detectedAt: string;
}

function DriftRow({
  productId,
  item,
}: {
  productId: string;
  item: DriftItemView;
}) {
  const t = useT();
  const fetcher = useFetcher();
  const failure = failureOf(fetcher.data);
  const send = (intent: "accept" | "revert") =>
    fetcher.submit(
      { intent, driftId: item.id },
      { method: "post", action: `/app/products/${productId}/drift` },
    );
  return (
    <BlockStack gap="100">
      <Text as="p">
        {t("sync.drift.line", {
          field: item.key ?? "—",
          ours: item.ours ?? "—",
          theirs: item.theirs ?? t("sync.drift.deleted"),
        })}
      </Text>
      <InlineStack gap="200">
        <Button
          onClick={() => send("accept")}
          loading={fetcher.state !== "idle"}
        >
          {t("sync.drift.accept")}
        </Button>
        <Button
          onClick={() => send("revert")}
          loading={fetcher.state !== "idle"}
        >
          {t("sync.drift.revert")}
        </Button>
      </InlineStack>
      {failure ? (
        <Text as="p" tone="critical">
          {failure.message}
        </Text>
      ) : null}
    </BlockStack>
  );
}

export function DriftCard({
  productId,
  items,
}: {
  productId: string;
  items: DriftItemView[];
}) {
  const t = useT();
  if (items.length === 0) return null;
  return (
    <div id="product-drift">
      <Banner tone="warning" title={t("sync.drift.title")}>
        <BlockStack gap="300">
          <Text as="p">{t("sync.drift.body")}</Text>
          {items.map((item) => (
            <DriftRow key={item.id} productId={productId} item={item} />
          ))}
        </BlockStack>
      </Banner>
    </div>
  );
}
