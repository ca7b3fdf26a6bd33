// The readiness board of a launch as CSV, for the download route: one row per product × included channel, cells
// neutralised like every export.
import { csvCell } from "~/pim/csv-cells";
import { findLaunch } from "./launch.db.server";
import { launchReadiness } from "./readiness.db.server";

/**
 * The readiness board as CSV (one row per product × included channel), cells neutralised like every export.
 */
export async function launchReadinessCsv(
  shop: string,
  launchId: string,
): Promise<string> {
  await findLaunch(shop, launchId);
  const rows = await launchReadiness(shop, launchId);
  const header = [
    "handle",
    "title",
    "channel",
    "state",
    "ready",
    "completeness",
    "missing attributes",
    "missing shots",
    "main image too small",
    "pre-flight",
    "live at",
    "error",
    "observed off at",
    "off reason",
  ];
  const lines = rows.flatMap((row) =>
    row.channels
      .filter((c) => c.state !== "EXCLUDED")
      .map((c) => [
        row.handle,
        row.title,
        c.channel,
        c.state,
        c.ready ? "yes" : "no",
        c.completeness === null ? "" : String(c.completeness),
        c.missingAttributes.join(" "),
        c.missingShots.join(" "),
        c.mainImageTooSmall ? "yes" : "no",
        c.preflightFailures.join(" | "),
        c.liveAt?.toISOString() ?? "",
        c.error ?? "",
        c.observedOff?.at.toISOString() ?? "",
        c.observedOff?.reason ?? "",
      ]),
  );
  return [header, ...lines]
    .map((line) => line.map(csvCell).join(","))
    .join("\r\n")
    .concat("\r\n");
}
