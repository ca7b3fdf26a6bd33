// The asset's versions: upload, approve (rollback asks first), restore, compare, download.
import {
  Badge,
  BlockStack,
  Button,
  Card,
  InlineGrid,
  InlineStack,
  Text,
} from "@shopify/polaris";
import { useState, type ReactNode } from "react";
import { useT } from "~/i18n";
import { AssetThumbnail } from "./asset-preview";
import type { Asset, Impact, Version } from "./asset-types";
import { Intent, type Confirmation } from "./intent-button";
import { LocalTime } from "./local-time";
import { formatBytes } from "./status-badge";

/** Two versions side by side: the current one (or the latest) and the one picked. */
function VersionCompare({
  left,
  right,
  onClose,
}: {
  left: Version;
  right: Version;
  onClose: () => void;
}) {
  const t = useT();
  const side = (v: Version) => (
    <BlockStack gap="100">
      <Text as="span" fontWeight="semibold">
        {t("dam.asset.versionLabel", { number: v.number })}
      </Text>
      {v.previewUrl ? (
        <img
          src={v.previewUrl}
          alt={v.filename}
          style={{ maxWidth: "100%", maxHeight: 320 }}
        />
      ) : (
        <Text as="p" tone="subdued">
          {t("dam.asset.previewPending")}
        </Text>
      )}
      <Text as="span" tone="subdued" variant="bodySm">
        {v.filename} ·{" "}
        {v.width && v.height ? `${v.width} × ${v.height} px · ` : ""}
        {formatBytes(v.bytes)}
      </Text>
    </BlockStack>
  );
  return (
    <div id="version-compare">
      <BlockStack gap="200">
        <InlineGrid columns={2} gap="300">
          {side(left)}
          {side(right)}
        </InlineGrid>
        <InlineStack align="end">
          <Button variant="plain" onClick={onClose}>
            {t("dam.asset.closeCompare")}
          </Button>
        </InlineStack>
      </BlockStack>
    </div>
  );
}

export function VersionsCard({
  asset,
  children,
  impact,
  staff,
}: {
  asset: Asset;
  children: ReactNode;
  impact: Impact;
  staff: Record<string, string>;
}) {
  const t = useT();
  const who = (actor: string) => staff[actor] ?? actor;
  const current = asset.versions.find((v) => v.id === asset.currentVersionId);
  const rollback = (v: Version): Confirmation | undefined =>
    current && v.number < current.number
      ? {
          title: t("dam.asset.confirmRollbackTitle", { number: v.number }),
          body: t("dam.asset.confirmRollbackBody", {
            number: v.number,
            current: current.number,
            ...impact,
          }),
          action: t("dam.asset.confirmRollback", { number: v.number }),
        }
      : undefined;
  const [comparing, setComparing] = useState<string | null>(null);
  const base =
    asset.versions.find((v) => v.id === asset.currentVersionId) ??
    asset.versions[0];
  const compared = asset.versions.find((v) => v.id === comparing);
  const numberOf = (id: string | null) =>
    asset.versions.find((v) => v.id === id)?.number ?? "?";
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("dam.asset.versions")}
        </Text>
        {children}
        {base && compared && (
          <VersionCompare
            left={base}
            right={compared}
            onClose={() => setComparing(null)}
          />
        )}
        <BlockStack gap="300">
          {asset.versions.map((v) => (
            <InlineStack key={v.id} gap="300" blockAlign="center" wrap={false}>
              <AssetThumbnail
                kind={asset.kind}
                title={v.filename}
                url={v.thumbnailUrl}
                thumbhash={null}
                size="small"
              />
              <BlockStack gap="050">
                <InlineStack gap="200">
                  <Text as="span" fontWeight="semibold">
                    {t("dam.asset.versionLabel", { number: v.number })}
                  </Text>
                  {v.id === asset.currentVersionId && (
                    <Badge tone="success">{t("dam.asset.current")}</Badge>
                  )}
                </InlineStack>
                <Text as="span" tone="subdued" variant="bodySm">
                  {v.filename} · {formatBytes(v.bytes)} ·{" "}
                  <LocalTime iso={v.createdAt} /> ·{" "}
                  {t("dam.asset.uploadedBy", {
                    actor: v.uploadedBy ? who(v.uploadedBy) : "—",
                  })}
                  {v.approvedBy
                    ? ` · ${t("dam.asset.approvedBy", { actor: who(v.approvedBy) })}`
                    : ""}
                  {v.restoredFromId
                    ? ` · ${t("dam.asset.restoredFrom", { number: numberOf(v.restoredFromId) })}`
                    : ""}
                </Text>
              </BlockStack>
              <InlineStack gap="200">
                {asset.status !== "ARCHIVED" &&
                  v.id !== asset.currentVersionId && (
                    <Intent
                      intent="approve"
                      fields={{ versionId: v.id }}
                      variant="primary"
                      confirm={rollback(v)}
                    >
                      {t("dam.asset.approveVersion")}
                    </Intent>
                  )}
                {asset.status !== "ARCHIVED" &&
                  v.number !== asset.versions[0]?.number && (
                    <Intent intent="restore" fields={{ versionId: v.id }}>
                      {t("dam.asset.restore")}
                    </Intent>
                  )}
                {base && v.id !== base.id && (
                  <Button variant="plain" onClick={() => setComparing(v.id)}>
                    {t("dam.asset.compare", { number: base.number })}
                  </Button>
                )}
                <Button url={v.downloadUrl} target="_blank" variant="plain">
                  {t("dam.asset.download")}
                </Button>
              </InlineStack>
            </InlineStack>
          ))}
        </BlockStack>
      </BlockStack>
    </Card>
  );
}
