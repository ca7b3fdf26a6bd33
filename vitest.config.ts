// Test projects: unit (pure, no IO), emulator (the store emulator's own contract) and integration (real
// database, real Redis, the real Shopify libraries against the emulator).
// The integration project runs once per database provider: DATABASE_URL selects SQLite or PostgreSQL.
// SKIP_DATABASE_FREE_TESTS=1 leaves out the files that use no database (test/support/database-free.ts): `npm test`
// sets it for the PostgreSQL run, so those files run once, in the SQLite run.
import tsconfigPaths from "vite-tsconfig-paths";
import { configDefaults, defineConfig } from "vitest/config";
import { databaseFreeTestFiles } from "./test/support/database-free";

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    // Test files share their fork one after another, keeping what Node loaded from node_modules (Prisma's query
    // compiler, the Shopify libraries, the AWS SDK, graphql, sharp): a fresh fork per file spent ~3 s of CPU
    // loading them again, half of an integration run's CPU. Unit files are pure and each emulator file builds its
    // own emulator; each integration file still gets fresh app modules bound to its own database, queue prefix and
    // storage folder (integration-setup.ts resets vitest's module registry first). Set here, not per project:
    // vitest's fork pool reads it from the root config.
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.{ts,tsx}"],
          environment: "node",
          setupFiles: ["test/support/env.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "emulator",
          include: ["test/emulator/**/*.test.ts"],
          environment: "node",
          setupFiles: ["test/support/env.ts"],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.{ts,tsx}"],
          exclude: [
            ...configDefaults.exclude,
            ...(process.env.SKIP_DATABASE_FREE_TESTS === "1"
              ? databaseFreeTestFiles
              : []),
          ],
          environment: "node",
          globalSetup: ["test/support/global-setup.ts"],
          setupFiles: [
            "test/support/env.ts",
            "test/support/integration-setup.ts",
          ],
          // One fork per run on two cores (vitest's default, cores − 1): `npm test` runs the SQLite and PostgreSQL
          // runs side by side, so the two runs already keep both cores busy beside the other steps. The tests wait
          // little (the emulator's media processing takes 30 ms, the outbox relay polls every 50 ms), so more forks
          // mostly add contention.
          pool: "forks",
          // Bounds on a hang, not timings: `npm test` runs both databases and the other checks side by side on
          // two cores, so a slow beforeAll (seeding a catalogue) can take twice as long as on its own.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Many web and worker processes on PostgreSQL, Redis and S3 (its own `npm test` step, after the build).
        extends: true,
        test: {
          name: "processes",
          include: ["test/processes/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/support/global-setup.ts"],
          setupFiles: [
            "test/support/env.ts",
            "test/support/integration-setup.ts",
          ],
          pool: "forks",
          testTimeout: 180_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
