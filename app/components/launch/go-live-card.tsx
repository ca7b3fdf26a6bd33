// Go-live: the scheduled time (set or moved here), "Go live now" (asks first), and once released the progress per
// channel (n of N live, elapsed) until the final go-live → all-live time; failed products named with why; Roll
// back, one destructive action that asks first.
import { useFetcher } from "@remix-run/react";
import {
  BlockStack,
  Button,
  Card,
  InlineStack,
  ProgressBar,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { Intent } from "~/components/dam/intent-button";
import { LocalTime } from "~/components/dam/local-time";
import { useT } from "~/i18n";
import { failureOf } from "~/lib/action-result";
import {
  seconds,
  type ChannelProgressView,
  type FailedProduct,
  type LaunchView,
} from "./launch-view";

const BEFORE_RELEASE = ["DRAFT", "STAGING", "STAGED"];
const ROLLBACK = ["ROLLING_BACK", "ROLLED_BACK"];

export function GoLiveCard({
  launch,
  failed,
}: {
  launch: LaunchView;
  failed: FailedProduct[];
}) {
  const t = useT();
  const released = launch.goLiveStartedAt !== null;
  const canRollBack = launch.status === "RELEASING" || launch.status === "LIVE";
  const allLiveMs =
    launch.allLiveAt && launch.goLiveStartedAt
      ? Date.parse(launch.allLiveAt) - Date.parse(launch.goLiveStartedAt)
      : null;
  return (
    <div id="launch-go-live" data-status={launch.status}>
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {t("launch.goLiveCard.title")}
          </Text>
          {BEFORE_RELEASE.includes(launch.status) ? (
            <BeforeRelease launch={launch} />
          ) : null}
          {released
            ? launch.progress
                .filter((p) => p.total > 0)
                .map((p) => (
                  <ChannelProgressLine
                    key={p.channel}
                    progress={p}
                    rollingBack={ROLLBACK.includes(launch.status)}
                  />
                ))
            : null}
          {allLiveMs !== null && launch.status === "LIVE" ? (
            <div data-all-live-ms={allLiveMs}>
              <Text as="p" variant="headingSm">
                {t("launch.goLiveCard.allLive", {
                  seconds: seconds(allLiveMs),
                })}
              </Text>
            </div>
          ) : null}
          {failed.length ? (
            <FailedList failed={failed} canRetry={canRollBack} />
          ) : null}
          {launch.rolledBackAt ? (
            <Text as="p">
              {t("launch.rollback.donePrefix")}{" "}
              <LocalTime iso={launch.rolledBackAt} />
            </Text>
          ) : null}
          {launch.status === "DRAFT" || launch.status === "ROLLED_BACK" ? (
            <InlineStack>
              <Intent
                intent="delete"
                variant="plain"
                tone="critical"
                confirm={{
                  title: t("launch.delete.confirmTitle", { name: launch.name }),
                  body: t("launch.delete.confirmBody"),
                  action: t("launch.delete.action"),
                  destructive: true,
                }}
              >
                {t("launch.delete.action")}
              </Intent>
            </InlineStack>
          ) : null}
          {canRollBack ? (
            <InlineStack>
              <Intent
                intent="rollback"
                fields={{ confirm: "rollback" }}
                tone="critical"
                confirm={{
                  title: t("launch.rollback.confirmTitle", {
                    name: launch.name,
                  }),
                  body: t("launch.rollback.confirmBody"),
                  action: t("launch.rollback.action"),
                  destructive: true,
                }}
              >
                {t("launch.rollback.action")}
              </Intent>
            </InlineStack>
          ) : null}
        </BlockStack>
      </Card>
    </div>
  );
}

/** The time it is scheduled for, a field to set or move it, and "Go live now". */
function BeforeRelease({ launch }: { launch: LaunchView }) {
  const t = useT();
  const fetcher = useFetcher();
  const failure = failureOf(fetcher.data);
  const [local, setLocal] = useState("");
  const utc =
    local && !Number.isNaN(Date.parse(local))
      ? new Date(local).toISOString()
      : "";
  return (
    <BlockStack gap="300">
      {launch.goLiveAt ? (
        <Text as="p">
          {t("launch.goLiveCard.scheduledPrefix")}{" "}
          <LocalTime iso={launch.goLiveAt} />
        </Text>
      ) : (
        <Text as="p" tone="subdued">
          {t("launch.goLiveCard.notScheduled")}
        </Text>
      )}
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="schedule" />
        <input type="hidden" name="goLiveAt" value={utc} />
        <InlineStack gap="200" blockAlign="end">
          <TextField
            label={t("launch.form.goLiveAt")}
            type="datetime-local"
            value={local}
            onChange={setLocal}
            autoComplete="off"
            error={
              failure
                ? (failure.fieldErrors.goLiveAt?.join(" ") ?? failure.message)
                : undefined
            }
          />
          <Button submit loading={fetcher.state !== "idle"}>
            {t("launch.goLiveCard.schedule")}
          </Button>
        </InlineStack>
      </fetcher.Form>
      <InlineStack>
        <Intent
          intent="go-live-now"
          variant="primary"
          confirm={{
            title: t("launch.goLiveCard.confirmTitle", { name: launch.name }),
            body: t("launch.goLiveCard.confirmBody"),
            action: t("launch.goLiveCard.now"),
          }}
        >
          {t("launch.goLiveCard.now")}
        </Intent>
      </InlineStack>
    </BlockStack>
  );
}

/** One channel: n of N live and the time (or, once rolling back, n of N rolled back). */
function ChannelProgressLine({
  progress,
  rollingBack,
}: {
  progress: ChannelProgressView;
  rollingBack: boolean;
}) {
  const t = useT();
  const { channel, live, total, elapsedMs, goLiveToAllLiveMs } = progress;
  const done = rollingBack ? progress.rolledBack : live;
  const time = rollingBack
    ? ""
    : goLiveToAllLiveMs !== null
      ? t("launch.goLiveCard.channelAllLive", {
          seconds: seconds(goLiveToAllLiveMs),
        })
      : elapsedMs !== null
        ? t("launch.goLiveCard.elapsed", { seconds: seconds(elapsedMs) })
        : "";
  return (
    <div data-progress-channel={channel} data-live={live} data-total={total}>
      <BlockStack gap="100">
        <InlineStack align="space-between">
          <Text as="span" fontWeight="semibold">
            {`${t(`sync.channel.${channel}`)}: ${
              rollingBack
                ? t("launch.rollback.progress", { done, total })
                : t("launch.goLiveCard.progress", { live, total })
            }`}
          </Text>
          <Text as="span" tone="subdued" variant="bodySm">
            {time}
          </Text>
        </InlineStack>
        <ProgressBar
          progress={(100 * done) / total}
          size="small"
          tone={progress.failed && !rollingBack ? "critical" : "success"}
        />
      </BlockStack>
    </div>
  );
}

/**
 * Products whose go-live failed after the engine's retries, each named with the channel and why, and Retry: the
 * failed ones go through go-live again (the live ones are left alone).
 */
function FailedList({
  failed,
  canRetry,
}: {
  failed: FailedProduct[];
  canRetry: boolean;
}) {
  const t = useT();
  return (
    <div id="launch-failed">
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm" tone="critical">
          {t("launch.goLiveCard.failedTitle")}
        </Text>
        {failed.map((f) => (
          <div
            key={`${f.productId}-${f.channel}`}
            data-failed-product={f.productId}
          >
            <Text as="p">
              {`${f.title} · ${t(`sync.channel.${f.channel}`)}: ${f.error}`}
            </Text>
          </div>
        ))}
        {canRetry ? (
          <InlineStack>
            <Intent intent="retry-failed">
              {t("launch.goLiveCard.retry")}
            </Intent>
          </InlineStack>
        ) : null}
      </BlockStack>
    </div>
  );
}
