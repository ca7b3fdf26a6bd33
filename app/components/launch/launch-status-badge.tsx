// A launch's status, and one product's state on one channel of it, as badges: the same on every launch screen.
import { Badge } from "@shopify/polaris";
import { useT } from "~/i18n";
import type { LaunchChannelState, LaunchStatus } from "~/launch/launch.schema";

type Tone = "success" | "critical" | "attention" | "info" | undefined;

const STATUS_TONES: Record<LaunchStatus, Tone> = {
  DRAFT: undefined,
  STAGING: "attention",
  STAGED: "info",
  RELEASING: "attention",
  LIVE: "success",
  ROLLING_BACK: "attention",
  ROLLED_BACK: undefined,
};

const STATE_TONES: Record<LaunchChannelState, Tone> = {
  EXCLUDED: undefined,
  WAITING: undefined,
  STAGED: "info",
  LIVE: "success",
  FAILED: "critical",
  ROLLED_BACK: undefined,
};

export function LaunchStatusBadge({ status }: { status: LaunchStatus }) {
  const t = useT();
  return (
    <span data-launch-status={status}>
      <Badge tone={STATUS_TONES[status]}>
        {t(`launch.statuses.${status}`)}
      </Badge>
    </span>
  );
}

export function ChannelStateBadge({ state }: { state: LaunchChannelState }) {
  const t = useT();
  return (
    <Badge tone={STATE_TONES[state]}>
      {t(`launch.channelStates.${state}`)}
    </Badge>
  );
}

/** While the worker stages, releases or rolls back, the page looks again until it is done. */
export function isLaunchBusy(status: LaunchStatus): boolean {
  return (
    status === "STAGING" || status === "RELEASING" || status === "ROLLING_BACK"
  );
}
