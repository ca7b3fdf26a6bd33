// npm run test:quick — the fast loop before a commit: the unit tests, the typecheck, and ESLint + Prettier on the
// files changed since HEAD (staged, unstaged or new). Not the gate: `npm test` (scripts/check.ts) is.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const git = (...args: string[]) =>
  spawnSync("git", args, { encoding: "utf8" })
    .stdout.split("\n")
    .filter(Boolean);
const changed = [
  ...new Set([
    ...git("diff", "--name-only", "HEAD"),
    ...git("ls-files", "--others", "--exclude-standard"),
  ]),
].filter((file) => existsSync(file));
const lintable = changed.filter((file) => /\.(c|m)?(t|j)sx?$/.test(file));

const steps: [string, string[]][] = [
  ["unit", ["vitest", "run", "--project", "unit"]],
  ["typecheck", ["tsc", "--noEmit"]],
];
if (lintable.length > 0)
  steps.push(["eslint", ["eslint", "--max-warnings", "0", ...lintable]]);
if (changed.length > 0)
  steps.push([
    "prettier",
    ["prettier", "--check", "--ignore-unknown", ...changed],
  ]);

const failed = steps
  .filter(([name, [command, ...args]]) => {
    console.log(`\n[test:quick] ${name}`);
    return (
      spawnSync("npx", [command!, ...args], { stdio: "inherit" }).status !== 0
    );
  })
  .map(([name]) => name);
console.log(
  failed.length === 0
    ? "\n[test:quick] passed (npm test is the gate)"
    : `\n[test:quick] failed: ${failed.join(", ")}`,
);
process.exit(failed.length === 0 ? 0 : 1);
