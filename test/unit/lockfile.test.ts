import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  missingPlatformEntries,
  platformOf,
} from "../../scripts/lockfile-platforms";

describe("package-lock.json", () => {
  it("lists every platform package of optional dependencies, so npm ci accepts it (npm run lockfile:platforms)", () => {
    const lock = JSON.parse(
      readFileSync("package-lock.json", "utf8"),
    ) as Parameters<typeof missingPlatformEntries>[0];
    expect(Object.keys(missingPlatformEntries(lock))).toEqual([]);
  });

  it("reads the platform from a package name", () => {
    expect(platformOf("@rollup/rollup-linux-arm-musleabihf")).toEqual({
      os: ["linux"],
      cpu: ["arm"],
      libc: ["musl"],
    });
    expect(platformOf("@rollup/rollup-win32-x64-msvc")).toEqual({
      os: ["win32"],
      cpu: ["x64"],
    });
    expect(
      platformOf("@msgpackr-extract/msgpackr-extract-darwin-arm64"),
    ).toEqual({ os: ["darwin"], cpu: ["arm64"] });
    expect(platformOf("@rollup/rollup-linux-loong64-gnu")).toEqual({
      os: ["linux"],
      cpu: ["loong64"],
      libc: ["glibc"],
    });
  });
});
