// `npm test` / `npm run check`: every check the project has, in order, stopping at the first failure.
// Integration tests run twice: against SQLite (a file per test file) and PostgreSQL (TEST_POSTGRES_URL,
// default postgresql://postgres@127.0.0.1:5432/test). Both need Redis at REDIS_URL (default 127.0.0.1:6379).
import { spawnSync } from "node:child_process";
import path from "node:path";

const bin = (name: string) => path.join("node_modules", ".bin", name);
const postgresUrl =
  process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const { DATABASE_URL: _ignored, ...baseEnv } = process.env;

const steps: {
  name: string;
  command: string[];
  env?: Record<string, string>;
}[] = [
  {
    name: "graphql-codegen",
    command: [
      process.execPath,
      "--import",
      "tsx",
      "scripts/graphql-codegen.ts",
    ],
  },
  { name: "prettier", command: [bin("prettier"), "--check", "."] },
  { name: "eslint", command: [bin("eslint"), ".", "--max-warnings", "0"] },
  { name: "typecheck", command: [bin("tsc"), "--noEmit"] },
  { name: "unit", command: [bin("vitest"), "run", "--project", "unit"] },
  {
    name: "emulator",
    command: [bin("vitest"), "run", "--project", "emulator"],
  },
  {
    name: "integration (sqlite)",
    command: [bin("vitest"), "run", "--project", "integration"],
  },
  {
    name: "integration (postgresql)",
    command: [bin("vitest"), "run", "--project", "integration"],
    env: { DATABASE_URL: postgresUrl },
  },
  // DAM: the asset library in Debian Chromium (built app + worker + emulator); needs /usr/bin/chromium.
  {
    name: "e2e (dam library)",
    command: [
      process.execPath,
      "--import",
      "tsx",
      "test/e2e/dam-library.e2e.ts",
    ],
  },
];

const only = process.argv.slice(2);
const started = performance.now();
for (const step of steps) {
  if (only.length && !only.some((name) => step.name.startsWith(name))) continue;
  const t0 = performance.now();
  console.log(`\n▶ ${step.name}`);
  const [command, ...args] = step.command;
  const result = spawnSync(command!, args, {
    stdio: "inherit",
    env: { ...baseEnv, ...step.env },
  });
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${step.name} failed after ${seconds}s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${step.name} (${seconds}s)`);
}
console.log(
  `\nall checks passed in ${((performance.now() - started) / 1000).toFixed(1)}s`,
);
