// The one run that converges a product on a channel, whatever the channel: read the approved data (desired),
// read the channel back (observed), push the difference, read back until the channel shows it, and only then
// end the hops as live. Serialised per product × channel across processes; jobs for the same pair are
// coalesced (see pair-state), so a burst of changes costs one convergence per pair.
import { Upstream } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import {
  reconcilerDrift,
  reconcilerRepaired,
  replaceToLive,
} from "~/lib/metrics.server";
import {
  adminClientFor,
  type AdminClient,
} from "~/shopify/admin-client.server";
import type { ChannelKind } from "~/channels/kinds";
import type { RunContext } from "./channels/adapter";
import { adapterFor } from "./channels/registry.server";
import { withPairLock } from "./locks.server";
import {
  beginRun,
  confirmRun,
  endRunUnconfirmed,
  openRepairHop,
  releaseRun,
  stampHops,
} from "./pair-runs.db.server";
import { recordDrift } from "./drift.db.server";
import { overtaken } from "./pair-queries.db.server";

export type RunOutcome =
  | "superseded"
  | "gone"
  | "disabled"
  | "live"
  | "not-listed"
  | "drift"
  | "blocked"
  | "repaired";

export interface RunResult {
  outcome: RunOutcome;
  revision?: number;
  differences?: string[];
}

/** How long a confirmed pair waits before the reconciler reads it back again (busy pairs sooner). */
export const VERIFY_AFTER_MS = 10 * 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Converges one product on one channel. Idempotent. Throws `Upstream` (retryable) while the channel does not
 * show the change yet or fails transiently; the caller decides whether a failure is final (`onFinalFailure`).
 *
 * `seq`: the job sequence the job was queued under. When a run of the pair has begun since (the sequence moved
 * past it), that run read the change this job was queued for — the sequence is read in the change's own
 * transaction — so this job stands down ("superseded") instead of converging the pair a second time.
 */
export async function convergePair(
  shop: string,
  productId: string,
  channel: ChannelKind,
  { final = false, seq }: { final?: boolean; seq?: number } = {},
): Promise<RunResult> {
  const adapter = adapterFor(channel);
  return withPairLock(shop, productId, channel, async () => {
    if (seq !== undefined && (await overtaken(shop, productId, channel, seq)))
      return { outcome: "superseded" };
    const run = await beginRun(shop, productId, channel);
    if (!run) return { outcome: "gone" };
    if (!(await adapter.enabled(shop))) {
      await releaseRun(shop, productId, channel);
      return { outcome: "disabled" };
    }
    let client: Promise<AdminClient> | undefined;
    const ctx: RunContext = {
      shop,
      productId,
      channel,
      revision: run.revision,
      client: () => (client ??= adminClientFor(shop)),
    };
    try {
      const desired = await adapter.desired(ctx);
      await stampHops(shop, productId, channel, run.revision, "renderedAt");
      if (desired.blocked) {
        await endRunUnconfirmed(
          shop,
          productId,
          channel,
          run.revision,
          "BLOCKED",
          desired.blocked,
        );
        return { outcome: "blocked", revision: run.revision };
      }
      let observed = await adapter.observe(ctx, desired);
      let repaired = false;
      if (observed.differences.length > 0) {
        if (run.confirmedRevision >= run.revision) {
          // Nothing changed on our side since the channel was confirmed: the channel drifted (an edit in the
          // Shopify admin, a lost feed row). Repair it, and say so in the activity log.
          repaired = true;
          reconcilerDrift.inc({ channel, kind: "channel" });
          await openRepairHop(
            shop,
            productId,
            channel,
            run.revision,
            desired.variants,
          );
          logger.info(
            { shop, productId, channel, differences: observed.differences },
            "drift found on the channel; repairing",
          );
        }
        const applied = await adapter.apply(ctx, desired, observed);
        await stampHops(shop, productId, channel, run.revision, "pushedAt");
        const since = applied ? { ...applied, observed } : undefined;
        const deadline = Date.now() + adapter.settleMs;
        for (let delay = 100; ; delay = Math.min(2_000, delay * 2)) {
          observed = await adapter.observe(ctx, desired, since);
          if (observed.differences.length === 0) break;
          if (Date.now() > deadline)
            throw new Upstream(
              `${channel} does not show the change yet: ${observed.differences.slice(0, 3).join("; ")}`,
              true,
            );
          await sleep(delay);
        }
      }
      if (observed.drift.length > 0) {
        await recordDrift(shop, productId, channel, observed.drift);
        for (const item of observed.drift)
          reconcilerDrift.inc({ channel, kind: item.kind });
      }
      const live = await confirmRun(shop, productId, channel, {
        revision: run.revision,
        desiredDigest: desired.digest,
        observedDigest: observed.digest,
        listed: observed.listed,
        reason: observed.reason,
        versionIds: desired.versionIds,
        drift: observed.drift.length > 0,
        observedUpdatedAt: observed.observedUpdatedAt,
        nextCheckAt: new Date(Date.now() + VERIFY_AFTER_MS),
      });
      if (repaired) reconcilerRepaired.inc({ channel, kind: "channel" });
      for (const hop of live)
        if (hop.kind === "REPLACEMENT")
          replaceToLive.observe(
            { channel },
            (Date.now() - hop.approvedAt.getTime()) / 1000,
          );
      return {
        outcome: repaired
          ? "repaired"
          : observed.drift.length
            ? "drift"
            : observed.listed
              ? "live"
              : "not-listed",
        revision: run.revision,
      };
    } catch (error) {
      const retryable = (error as { retryable?: boolean }).retryable !== false;
      if (final || !retryable)
        await endRunUnconfirmed(
          shop,
          productId,
          channel,
          run.revision,
          "FAILED",
          (error as Error).message,
        );
      else await releaseRun(shop, productId, channel);
      throw error;
    }
  });
}
