// dam/asset-status.ts: the asset's review states.
import { describe, expect, it } from "vitest";
import {
  assertCanAddVersion,
  assertCanApprove,
  nextStatus,
  statusAfterNewVersion,
} from "~/dam/asset-status";
import { Conflict } from "~/lib/errors";

describe("asset status rules", () => {
  it("keeps an approved asset approved when a new version arrives, and sends any other back to draft", () => {
    expect(statusAfterNewVersion("APPROVED")).toBe("APPROVED");
    expect(statusAfterNewVersion("IN_REVIEW")).toBe("DRAFT");
    expect(statusAfterNewVersion("DRAFT")).toBe("DRAFT");
  });

  it("refuses new versions and approvals while archived", () => {
    expect(() => assertCanAddVersion("ARCHIVED")).toThrow(Conflict);
    expect(() => assertCanApprove("ARCHIVED")).toThrow(Conflict);
    expect(() => assertCanAddVersion("APPROVED")).not.toThrow();
    expect(() => assertCanApprove("IN_REVIEW")).not.toThrow();
  });

  it("brings an asset out of the archive approved when it had an approved version, else as asked", () => {
    expect(nextStatus("ARCHIVED", "DRAFT", true)).toBe("APPROVED");
    expect(nextStatus("ARCHIVED", "DRAFT", false)).toBe("DRAFT");
    expect(() => nextStatus("ARCHIVED", "IN_REVIEW", true)).toThrow(Conflict);
  });

  it("archives from any state, and leaves a status asked for again as it is", () => {
    for (const from of ["DRAFT", "IN_REVIEW", "APPROVED"] as const)
      expect(nextStatus(from, "ARCHIVED", true)).toBe("ARCHIVED");
    expect(nextStatus("IN_REVIEW", "IN_REVIEW", false)).toBe("IN_REVIEW");
    expect(nextStatus("DRAFT", "IN_REVIEW", false)).toBe("IN_REVIEW");
  });
});
