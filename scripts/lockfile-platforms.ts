// Completes package-lock.json with the platform packages of optional dependencies (rollup, msgpackr-extract …).
// Our registry mirror serves only this platform's packages, so npm 11 leaves the others out of the lockfile and
// `npm ci` then refuses the lockfile ("Missing: @rollup/rollup-darwin-arm64@ from lock file", npm/cli#9342).
// Each missing entry gets its version and the os/cpu/libc its name declares, so npm skips it on other platforms.
// `npm run lockfile:platforms` after changing dependencies; test/unit/lockfile.test.ts checks it was run.
import { readFileSync, writeFileSync } from "node:fs";

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optionalDependencies?: Record<string, string>;
}
type Lockfile = { packages: Record<string, LockEntry> };

const OSES = [
  "darwin",
  "linux",
  "win32",
  "android",
  "freebsd",
  "openbsd",
  "netbsd",
  "sunos",
  "aix",
  "openharmony",
];
const CPUS = [
  "arm64",
  "x64",
  "arm",
  "ia32",
  "ppc64",
  "s390x",
  "riscv64",
  "loong64",
  "mips64el",
];

/** Reads os, cpu and libc from a platform package's name, e.g. `rollup-linux-arm-musleabihf`. */
export function platformOf(
  name: string,
): Pick<LockEntry, "os" | "cpu" | "libc"> {
  const parts = name.split("/").pop()!.split("-");
  const os = parts.find((p) => OSES.includes(p));
  const cpu = parts.find((p) => CPUS.includes(p));
  const libc = parts.some((p) => p.startsWith("musl"))
    ? "musl"
    : parts.includes("gnu") || parts.some((p) => p.startsWith("gnueabi"))
      ? "glibc"
      : undefined;
  return {
    ...(os ? { os: [os] } : {}),
    ...(cpu ? { cpu: [cpu] } : {}),
    ...(os === "linux" && libc ? { libc: [libc] } : {}),
  };
}

/** Where node would find `dependency` from the package at `from`, if it is in the lockfile. */
function resolvedPath(
  packages: Lockfile["packages"],
  from: string,
  dependency: string,
): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ""}node_modules/${dependency}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const index = base.lastIndexOf("/node_modules/");
    base = index < 0 ? "" : base.slice(0, index);
  }
}

/** The optional dependencies the lockfile lacks, as the entries to add (path → entry). */
export function missingPlatformEntries(
  lock: Lockfile,
): Record<string, LockEntry> {
  const added: Record<string, LockEntry> = {};
  for (const [path, entry] of Object.entries(lock.packages)) {
    for (const [dependency, version] of Object.entries(
      entry.optionalDependencies ?? {},
    )) {
      if (resolvedPath(lock.packages, path, dependency)) continue;
      const platform = platformOf(dependency);
      if (!platform.os && !platform.cpu) continue; // not a platform package: npm records those itself
      added[`node_modules/${dependency}`] = {
        version,
        ...(entry.dev ? { dev: true } : {}),
        optional: true,
        ...platform,
      };
    }
  }
  return added;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const lock = JSON.parse(
    readFileSync("package-lock.json", "utf8"),
  ) as Lockfile;
  const added = missingPlatformEntries(lock);
  const packages = { ...lock.packages, ...added };
  const sorted = Object.fromEntries(
    Object.entries(packages).sort(([a], [b]) =>
      a === "" ? -1 : b === "" ? 1 : a.localeCompare(b),
    ),
  );
  writeFileSync(
    "package-lock.json",
    `${JSON.stringify({ ...lock, packages: sorted }, null, 2)}\n`,
  );
  console.log(
    `added ${Object.keys(added).length} platform entries to package-lock.json`,
  );
}
