// Cards of the asset page. Each form posts one intent to the page's action (see dam.schema.ts).
import { useFetcher } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Button,
  Card,
  DescriptionList,
  InlineStack,
  Tag,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import { useT } from "~/i18n";
import { failureOf } from "~/lib/action-result";
import type { ActionData, Asset, Impact, Version } from "./asset-types";
import { Intent } from "./intent-button";
import { formatBytes } from "./status-badge";

export type { Impact } from "./asset-types";
export { VersionsCard } from "./versions-card";
export { RightsCard } from "./rights-card";

export function DetailsCard({
  version,
  kind,
}: {
  version: Version;
  kind: string;
}) {
  const t = useT();
  const items = [
    { term: t("dam.asset.filename"), description: version.filename },
    {
      term: t("dam.asset.type"),
      description: `${t(`dam.kind.${kind as "IMAGE"}`)} (${version.mime})`,
    },
    { term: t("dam.asset.size"), description: formatBytes(version.bytes) },
    ...(version.width
      ? [
          {
            term: t("dam.asset.dimensions"),
            description: `${version.width} × ${version.height} px`,
          },
        ]
      : []),
    ...(version.colorSpace
      ? [{ term: t("dam.asset.colorSpace"), description: version.colorSpace }]
      : []),
    ...(version.durationMs
      ? [
          {
            term: t("dam.asset.duration"),
            description: `${(version.durationMs / 1000).toFixed(1)} s`,
          },
        ]
      : []),
    ...(version.pageCount
      ? [{ term: t("dam.asset.pages"), description: String(version.pageCount) }]
      : []),
    ...(version.dominantColor
      ? [
          {
            term: t("dam.asset.dominantColor"),
            description: version.dominantColor,
          },
        ]
      : []),
    ...Object.entries(version.metadata).map(([term, value]) => ({
      term,
      description: Array.isArray(value) ? value.join(", ") : String(value),
    })),
  ];
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("dam.asset.metadata")}
        </Text>
        <DescriptionList items={items} />
      </BlockStack>
    </Card>
  );
}

export function ApprovalCard({
  asset,
  impact,
}: {
  asset: Asset;
  impact: Impact;
}) {
  const t = useT();
  const latest = asset.versions[0];
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("dam.asset.approval")}
        </Text>
        <InlineStack gap="200">
          {asset.status !== "ARCHIVED" &&
            latest &&
            latest.id !== asset.currentVersionId && (
              <Intent
                intent="approve"
                fields={{ versionId: latest.id }}
                variant="primary"
              >
                {t("dam.asset.approveVersion")}
              </Intent>
            )}
          {asset.status === "DRAFT" && (
            <Intent intent="submit-for-review">
              {t("dam.asset.submitForReview")}
            </Intent>
          )}
          {asset.status === "ARCHIVED" ? (
            <Intent intent="unarchive">{t("dam.asset.unarchive")}</Intent>
          ) : (
            <Intent
              intent="archive"
              tone="critical"
              confirm={{
                title: t("dam.asset.confirmArchiveTitle", {
                  title: asset.title,
                }),
                body: t("dam.asset.confirmArchiveBody", { ...impact }),
                action: t("dam.asset.confirmArchive"),
                destructive: true,
              }}
            >
              {t("dam.asset.archive")}
            </Intent>
          )}
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

function InlineForm({
  intent,
  label,
  name,
}: {
  intent: string;
  label: string;
  name: string;
}) {
  const fetcher = useFetcher<ActionData>();
  const [value, setValue] = useState("");
  // Cleared once saved; kept (with the error under it) when refused.
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) setValue("");
  }, [fetcher.state, fetcher.data]);
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <InlineStack gap="100" blockAlign="end" wrap={false}>
        <TextField
          label={label}
          name={name}
          value={value}
          onChange={setValue}
          error={failureOf(fetcher.data)?.fieldErrors[name]?.join(" ")}
          autoComplete="off"
        />
        <Button
          submit
          disabled={!value.trim()}
          loading={fetcher.state !== "idle"}
        >
          {label}
        </Button>
      </InlineStack>
    </fetcher.Form>
  );
}

export function TagsCard({ asset }: { asset: Asset }) {
  const t = useT();
  const remove = useFetcher<ActionData>();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("dam.asset.tags")}
        </Text>
        <InlineStack gap="100">
          {asset.tags.map((tag) => (
            <Tag
              key={tag}
              accessibilityLabel={t("dam.asset.removeTag", { tag })}
              onRemove={() =>
                remove.submit({ intent: "remove-tag", tag }, { method: "post" })
              }
            >
              {tag}
            </Tag>
          ))}
        </InlineStack>
        <InlineForm intent="add-tag" name="tag" label={t("dam.asset.addTag")} />
        <Text as="h3" variant="headingSm">
          {t("dam.asset.collections")}
        </Text>
        <InlineStack gap="100">
          {asset.collections.map((c) => (
            <Badge key={c.id}>{c.name}</Badge>
          ))}
        </InlineStack>
        <InlineForm
          intent="collect"
          name="collection"
          label={t("dam.asset.addToCollection")}
        />
      </BlockStack>
    </Card>
  );
}
