// The asset's review states and the rules between them. Pure: the database modules apply these inside their
// transactions. DRAFT → IN_REVIEW → APPROVED (by approving a version); any state → ARCHIVED and back.
import { Conflict } from "~/lib/errors";
import type { assetStatuses } from "./dam.schema";

export type AssetStatus = (typeof assetStatuses)[number];

/** An archived asset takes no new versions. Throws `Conflict`. */
export function assertCanAddVersion(status: AssetStatus): void {
  if (status === "ARCHIVED")
    throw new Conflict("an archived asset takes no new versions");
}

/**
 * The status after a new version is added: an approved asset stays approved (its current version is still what
 * channels show); otherwise the new version starts the review again.
 */
export function statusAfterNewVersion(status: AssetStatus): AssetStatus {
  return status === "APPROVED" ? "APPROVED" : "DRAFT";
}

/** Approving a version of an archived asset is refused. Throws `Conflict`. */
export function assertCanApprove(status: AssetStatus): void {
  if (status === "ARCHIVED")
    throw new Conflict("restore the asset from the archive first");
}

/**
 * Where a status change (review, back to draft, archive, unarchive) lands. Leaving the archive goes back to
 * APPROVED when a version was approved before, else to the requested status; an archived asset cannot go to
 * review directly. Throws `Conflict`.
 */
export function nextStatus(
  current: AssetStatus,
  requested: Exclude<AssetStatus, "APPROVED">,
  hasCurrentVersion: boolean,
): AssetStatus {
  if (current === requested) return current;
  if (current === "ARCHIVED" && requested === "IN_REVIEW")
    throw new Conflict("restore the asset from the archive first");
  if (current === "ARCHIVED" && hasCurrentVersion) return "APPROVED";
  return requested;
}
