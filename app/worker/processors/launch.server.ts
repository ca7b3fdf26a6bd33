// Launch jobs (issue #14): thin wrappers over the launch's worker side. The jobs that change the products' status
// and publications in Shopify (go-live, rollback, preview, end of preview) take the launch's lock.
import { withLaunchLock } from "~/launch/launch-lock.server";
import { observeLaunch } from "~/launch/observe.server";
import {
  endPreviewProducts,
  previewLaunchProducts,
} from "~/launch/preview.server";
import { releaseLaunch } from "~/launch/release.server";
import { stageLaunchPairs, stageLaunchWave } from "~/launch/stage.server";
import { rollBackLaunch } from "~/launch/rollback.server";
import type { Processor } from "../processor";

export const stageLaunchProcessor: Processor<"launch.stage"> = ({
  shop,
  launchId,
  round,
}) =>
  stageLaunchPairs(
    shop,
    launchId,
    round === undefined ? new Date() : new Date(round),
  );

export const stageWaveProcessor: Processor<"launch.stage-wave"> = ({
  shop,
  launchId,
  round,
  wave,
  size,
}) => stageLaunchWave(shop, launchId, round, wave, size);

export const goLiveProcessor: Processor<"launch.go-live"> = ({
  shop,
  launchId,
  at,
}) => withLaunchLock(shop, launchId, () => releaseLaunch(shop, launchId, at));

export const observeLaunchProcessor: Processor<"launch.observe"> = ({
  shop,
  launchId,
  round,
  tick,
}) => observeLaunch(shop, launchId, round, tick);

export const rollbackLaunchProcessor: Processor<"launch.rollback"> = ({
  shop,
  launchId,
}) => withLaunchLock(shop, launchId, () => rollBackLaunch(shop, launchId));

export const previewLaunchProcessor: Processor<"launch.preview"> = ({
  shop,
  launchId,
}) =>
  withLaunchLock(shop, launchId, () => previewLaunchProducts(shop, launchId));

export const endPreviewProcessor: Processor<"launch.end-preview"> = ({
  shop,
  launchId,
}) => withLaunchLock(shop, launchId, () => endPreviewProducts(shop, launchId));
