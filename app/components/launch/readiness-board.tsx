// The readiness board: one row per product of the launch, one column per channel, each cell its state and, when
// something blocks it, what (completeness, missing shots, a main image too small, pre-flight, a failed go-live).
// "Only blocked" narrows it to the products that need work; the readiness exports as CSV.
import {
  Badge,
  BlockStack,
  Button,
  Card,
  IndexTable,
  InlineStack,
  Link,
  Text,
} from "@shopify/polaris";
import { useState } from "react";
import type { ChannelKind } from "~/channels/kinds";
import { downloadFile } from "~/components/download";
import { useSearchParam } from "~/components/use-search-param";
import { useToast } from "~/components/use-toast";
import { useT } from "~/i18n";
import { SHOT_WORDS } from "~/launch/shots";
import { ChannelStateBadge } from "./launch-status-badge";
import type { BoardRow, CellView } from "./launch-view";

/** Why one product cannot launch on one channel, in words. */
function cellReasons(cell: CellView, t: ReturnType<typeof useT>): string[] {
  const reasons: string[] = [];
  if (cell.observedOff?.reason) reasons.push(cell.observedOff.reason);
  if (cell.error) reasons.push(cell.error);
  if (cell.completeness !== null && cell.completeness < 100)
    reasons.push(
      [
        t("launch.board.completeness", { percent: cell.completeness }),
        cell.missingAttributes.join(", "),
      ]
        .filter(Boolean)
        .join(": "),
    );
  if (cell.missingShots.length)
    reasons.push(
      t("launch.board.missingShots", {
        shots: cell.missingShots.map((s) => SHOT_WORDS[s]).join(", "),
      }),
    );
  if (cell.mainImageTooSmall) reasons.push(t("launch.board.mainImageTooSmall"));
  reasons.push(...cell.preflightFailures);
  return reasons;
}

function Cell({ cell }: { cell: CellView | undefined }) {
  const t = useT();
  if (!cell) return <>—</>;
  const reasons = cell.state === "EXCLUDED" ? [] : cellReasons(cell, t);
  return (
    <div
      data-board-channel={cell.channel}
      data-state={cell.state}
      data-ready={cell.ready ? "true" : "false"}
      data-observed-off={cell.observedOff?.at}
    >
      <BlockStack gap="100">
        <InlineStack gap="100" wrap={false}>
          <ChannelStateBadge state={cell.state} />
          {cell.observedOff ? (
            <Badge tone="critical">{t("launch.board.observedOff")}</Badge>
          ) : null}
          {cell.state !== "EXCLUDED" && cell.state !== "LIVE" ? (
            <Badge tone={cell.ready ? "success" : "warning"}>
              {cell.ready ? t("launch.board.ready") : t("launch.board.blocked")}
            </Badge>
          ) : null}
        </InlineStack>
        {reasons.map((reason) => (
          <Text key={reason} as="span" tone="subdued" variant="bodySm">
            {reason}
          </Text>
        ))}
      </BlockStack>
    </div>
  );
}

export function ReadinessBoard({
  launchId,
  channels,
  rows,
  onlyBlocked,
  nextCursor,
}: {
  launchId: string;
  channels: ChannelKind[];
  rows: BoardRow[];
  onlyBlocked: boolean;
  nextCursor: string | null;
}) {
  const t = useT();
  const toast = useToast();
  const setParam = useSearchParam();
  const [exporting, setExporting] = useState(false);
  const exportCsv = async () => {
    setExporting(true);
    try {
      await downloadFile(
        `/app/launches/${launchId}/readiness`,
        "launch-readiness.csv",
      );
      toast(t("launch.board.exported"));
    } catch (error) {
      toast(
        t("launch.board.exportFailed", { message: (error as Error).message }),
        { isError: true },
      );
    } finally {
      setExporting(false);
    }
  };
  return (
    <div id="readiness-board">
      <Card padding="0">
        <BlockStack gap="0">
          <div style={{ padding: "var(--p-space-400)" }}>
            <InlineStack align="space-between" blockAlign="center">
              <Text as="h2" variant="headingMd">
                {t("launch.board.title")}
              </Text>
              <InlineStack gap="200">
                <Button
                  pressed={onlyBlocked}
                  onClick={() => {
                    setParam("cursor", "");
                    setParam("filter", onlyBlocked ? "" : "blocked");
                  }}
                >
                  {t("launch.board.onlyBlocked")}
                </Button>
                <Button loading={exporting} onClick={() => void exportCsv()}>
                  {t("launch.board.export")}
                </Button>
              </InlineStack>
            </InlineStack>
          </div>
          {rows.length === 0 ? (
            <div style={{ padding: "var(--p-space-400)" }}>
              <Text as="p" tone="subdued">
                {onlyBlocked
                  ? t("launch.board.allBlockedHidden")
                  : t("launch.board.empty")}
              </Text>
            </div>
          ) : (
            <IndexTable
              resourceName={{ singular: "product", plural: "products" }}
              itemCount={rows.length}
              selectable={false}
              headings={[
                { title: t("launch.board.product") },
                ...channels.map((c) => ({ title: t(`sync.channel.${c}`) })),
              ]}
            >
              {rows.map((row, index) => (
                <IndexTable.Row
                  id={row.productId}
                  key={row.productId}
                  position={index}
                >
                  <IndexTable.Cell>
                    <div data-board-product={row.productId}>
                      <Link
                        url={`/app/products/${row.productId}`}
                        removeUnderline
                      >
                        {row.title}
                      </Link>
                      {row.previewUrl ? (
                        <div data-preview-url={row.previewUrl}>
                          <Link url={row.previewUrl} target="_blank">
                            {t("launch.stage.preview")}
                          </Link>
                        </div>
                      ) : null}
                    </div>
                  </IndexTable.Cell>
                  {channels.map((channel) => (
                    <IndexTable.Cell key={channel}>
                      <Cell
                        cell={row.channels.find((c) => c.channel === channel)}
                      />
                    </IndexTable.Cell>
                  ))}
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
          {nextCursor ? (
            <div style={{ padding: "var(--p-space-400)" }}>
              <Button
                onClick={() =>
                  setParam("cursor", nextCursor, { keepPage: true })
                }
              >
                {t("launch.board.next")}
              </Button>
            </div>
          ) : null}
        </BlockStack>
      </Card>
    </div>
  );
}
