// Staging under embargo: what it does, the button, progress while the worker stages (n of N staged per
// channel), and once staged the guarantee that nothing is visible until go-live.
import {
  BlockStack,
  Card,
  InlineStack,
  ProgressBar,
  Text,
} from "@shopify/polaris";
import { Intent } from "~/components/dam/intent-button";
import { LocalTime } from "~/components/dam/local-time";
import { useT } from "~/i18n";
import type { LaunchView } from "./launch-view";

export function StageCard({ launch }: { launch: LaunchView }) {
  const t = useT();
  const { status } = launch;
  const canStage = status === "DRAFT" || status === "STAGED";
  const channels = launch.progress.filter((p) => p.total > 0);
  return (
    <div id="launch-staging" data-staged={launch.stagedAt ? "true" : "false"}>
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {t("launch.stage.title")}
          </Text>
          {launch.stagedAt && status !== "STAGING" ? (
            <Text as="p">
              {t("launch.stage.stagedPrefix")}{" "}
              <LocalTime iso={launch.stagedAt} />
              {status === "STAGED" ? ` — ${t("launch.stage.hidden")}` : ""}
            </Text>
          ) : (
            <Text as="p" tone="subdued">
              {t("launch.stage.body")}
            </Text>
          )}
          {status === "STAGING"
            ? channels.map((p) => (
                <BlockStack key={p.channel} gap="100">
                  <Text as="span" variant="bodySm">
                    {`${t(`sync.channel.${p.channel}`)}: ${t("launch.stage.progress", { staged: p.staged, total: p.total })}`}
                  </Text>
                  <ProgressBar
                    progress={(100 * p.staged) / p.total}
                    size="small"
                  />
                </BlockStack>
              ))
            : null}
          {canStage ? (
            <InlineStack gap="200">
              <Intent intent="stage">
                {status === "DRAFT"
                  ? t("launch.stage.action")
                  : t("launch.stage.again")}
              </Intent>
              <Intent intent="preview" variant="plain">
                {t("launch.stage.preview")}
              </Intent>
              {launch.previewCount > 0 ? (
                <Intent intent="end-preview" variant="plain">
                  {t("launch.stage.endPreview", {
                    count: launch.previewCount,
                  })}
                </Intent>
              ) : null}
            </InlineStack>
          ) : null}
          {launch.previewWork ? (
            <div data-preview-work={launch.previewWork}>
              <Text as="p" variant="bodySm">
                {t(
                  launch.previewWork === "preview"
                    ? "launch.stage.previewing"
                    : "launch.stage.endingPreview",
                )}
              </Text>
            </div>
          ) : null}
          {canStage ? (
            <Text as="p" variant="bodySm" tone="subdued">
              {t("launch.stage.previewHelp")}
            </Text>
          ) : null}
        </BlockStack>
      </Card>
    </div>
  );
}
