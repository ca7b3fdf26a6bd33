// What blocks a launch, from its readiness board's rows: grouped by channel and cause, with the fix in words
// ("3 coats lack a back view"), and after go-live the products that did not go live or went off since.
import type { ChannelKind } from "~/channels/kinds";
import type { ShotType } from "./launch.schema";
import type { LaunchProductRow } from "./readiness.db.server";
import { productsNoun, SHOT_REQUIREMENTS, SHOT_WORDS } from "./shots";

export type BlockerKind =
  "shot" | "main-image" | "completeness" | "preflight" | "failed" | "off";

/** What stops products launching on a channel, grouped, with the fix in words ("3 coats lack a back view"). */
export interface LaunchBlocker {
  channel: ChannelKind;
  kind: BlockerKind;
  /** The missing shot type, or the missing attribute key; null otherwise. */
  detail: string | null;
  count: number;
  /** Up to 20 of the products concerned (our ids). */
  productIds: string[];
  message: string;
}

/** What blocks the launch, grouped by channel and cause, most products first. Channels left out are skipped. */
export function launchBlockers(
  rows: readonly LaunchProductRow[],
): LaunchBlocker[] {
  const groups = new Map<
    string,
    Omit<LaunchBlocker, "count" | "message"> & {
      types: (string | null)[];
      all: string[];
    }
  >();
  const add = (
    row: LaunchProductRow,
    channel: ChannelKind,
    kind: BlockerKind,
    detail: string | null,
  ) => {
    const key = `${channel}|${kind}|${detail ?? ""}`;
    const group = groups.get(key) ?? {
      channel,
      kind,
      detail,
      productIds: [],
      types: [],
      all: [],
    };
    group.all.push(row.productId);
    group.types.push(row.productType);
    groups.set(key, group);
  };
  for (const row of rows)
    for (const pair of row.channels) {
      if (pair.state === "EXCLUDED" || pair.state === "ROLLED_BACK") continue;
      if (pair.state === "FAILED") add(row, pair.channel, "failed", null);
      if (pair.observedOff) add(row, pair.channel, "off", null);
      for (const shot of pair.missingShots)
        add(row, pair.channel, "shot", shot);
      if (pair.mainImageTooSmall && !pair.missingShots.includes("front"))
        add(row, pair.channel, "main-image", null);
      for (const attribute of pair.missingAttributes)
        add(row, pair.channel, "completeness", attribute);
      if (pair.preflightFailures.length > 0)
        add(row, pair.channel, "preflight", null);
    }
  return [...groups.values()]
    .map(({ types, all, ...group }) => {
      const who = productsNoun(all.length, types);
      const verb = all.length === 1 ? "lacks" : "lack";
      const fail = all.length === 1 ? "fails" : "fail";
      const need = all.length === 1 ? "needs" : "need";
      const requirement = SHOT_REQUIREMENTS[group.channel];
      const message =
        group.kind === "shot"
          ? `${who} ${verb} ${SHOT_WORDS[group.detail as ShotType]}`
          : group.kind === "main-image"
            ? `${who} ${need} a main image of at least ${requirement.mainMinLongSide} px`
            : group.kind === "completeness"
              ? `${who} ${verb} “${group.detail}”`
              : group.kind === "preflight"
                ? `${who} ${fail} the channel's image rules`
                : group.kind === "off"
                  ? `${who} went live, then off the channel (see the board for why)`
                  : `${who} did not go live`;
      return {
        ...group,
        count: all.length,
        productIds: all.slice(0, 20),
        message,
      };
    })
    .sort((a, b) => b.count - a.count || a.message.localeCompare(b.message));
}
