// The steps of `npm test` (scripts/check.ts runs them): what each runs, what it needs first, and its priority.
import path from "node:path";

const bin = (name: string) => path.join("node_modules", ".bin", name);
const tsx = (file: string) => [process.execPath, "--import", "tsx", file];
const postgresUrl =
  process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

export interface Step {
  name: string;
  command: string[];
  env?: Record<string, string>;
  /** Steps that must have passed first. */
  after?: string[];
  /**
   * Runs at a lower CPU priority (`nice -n 10`): a CPU-bound check nothing waits on, which fills the cores the
   * integration runs and the browser tests leave idle instead of slowing them down.
   */
  background?: boolean;
  /**
   * Runs a little below the integration runs (`nice -n 4`): a long step that ends well before them (the browser
   * tests, the many-process test), so the integration runs — one process each, the run's critical path — get the
   * larger share of the cores while they overlap.
   */
  yields?: boolean;
}

// When several steps are ready, the earlier ones start first: longest first (the two integration runs, PostgreSQL
// the longer, then the browser tests and the many-process test once the build is there), so the short steps fill
// the gaps at the end instead of a long one starting last. Only the type-aware steps (ESLint, tsc) wait for the
// GraphQL codegen: its output (app/types/) is type declarations only, which vitest and the build strip and
// Prettier ignores, so the app build and the integration runs start at once.
export const steps: Step[] = [
  {
    name: "graphql-codegen",
    command: tsx("scripts/graphql-codegen.ts"),
    background: true,
  },
  { name: "build", command: [bin("remix"), "vite:build"] },
  // The production entries (build/node/web.js, worker.js) the many-process test starts, as `npm start` does.
  {
    name: "build (node entries)",
    command: tsx("scripts/build-server.ts"),
    after: ["build"],
  },
  {
    name: "integration (postgresql)",
    command: [bin("vitest"), "run", "--project", "integration"],
    // The database-free files already run in the SQLite run.
    env: { DATABASE_URL: postgresUrl, SKIP_DATABASE_FREE_TESTS: "1" },
  },
  {
    name: "integration (sqlite)",
    command: [bin("vitest"), "run", "--project", "integration"],
  },
  // The browser suites (asset library, PIM flows, sync screens, launch screens) in Debian Chromium, one after
  // another on ONE stack (test/e2e/run.ts: emulator, the built web and worker entries, Chromium), each suite with
  // its own shop.
  {
    name: "e2e",
    command: tsx("test/e2e/run.ts"),
    env: { E2E_USE_BUILD: "1" },
    after: ["build (node entries)"],
    yields: true,
  },
  // Two web and two worker processes on PostgreSQL, Redis and S3 (test/processes/): PostgreSQL only.
  {
    name: "processes (postgresql)",
    command: [bin("vitest"), "run", "--project", "processes"],
    env: { DATABASE_URL: postgresUrl },
    after: ["build (node entries)"],
    yields: true,
  },
  {
    name: "eslint",
    command: [bin("eslint"), ".", "--max-warnings", "0"],
    after: ["graphql-codegen"],
    background: true,
  },
  {
    name: "typecheck",
    command: [bin("tsc"), "--noEmit"],
    after: ["graphql-codegen"],
    background: true,
  },
  {
    name: "emulator",
    command: [bin("vitest"), "run", "--project", "emulator"],
    background: true,
  },
  {
    name: "unit",
    command: [bin("vitest"), "run", "--project", "unit"],
    background: true,
  },
  {
    name: "prettier",
    command: [bin("prettier"), "--check", "."],
    background: true,
  },
];
