// Runs the Prisma CLI for one provider. The provider (schema, migrations folder, driver adapter) follows
// DATABASE_URL in prisma.config.ts, so each call sets it explicitly.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import type { DbProvider as Provider } from "../app/lib/database-url.ts";

export type { Provider };

const require = createRequire(import.meta.url);
const prismaBin = require.resolve("prisma/build/index.js");

export const providers = {
  sqlite: { schema: "prisma/schema", migrations: "prisma/migrations" },
  postgresql: {
    schema: "prisma/postgresql/schema",
    migrations: "prisma/postgresql/migrations",
  },
} as const satisfies Record<Provider, { schema: string; migrations: string }>;

/** Runs `prisma <args>` against `databaseUrl`; returns stdout, throws with stderr on failure. */
export function prisma(
  args: string[],
  databaseUrl: string,
  opts: { quiet?: boolean } = {},
): string {
  return execFileSync(process.execPath, [prismaBin, ...args], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
    stdio: ["ignore", "pipe", opts.quiet ? "pipe" : "inherit"],
    encoding: "utf8",
  });
}

/**
 * The SQL that would bring the committed migrations of `provider` to the current schema (empty when in sync).
 * Migrations are replayed into a throwaway shadow database: in memory for SQLite, a temporary database on the
 * PostgreSQL server at `postgresUrl` (see prisma.config.ts).
 */
export function pendingSchemaChanges(
  provider: Provider,
  postgresUrl: string,
): string {
  const { schema, migrations } = providers[provider];
  const args = [
    "migrate",
    "diff",
    "--from-migrations",
    migrations,
    "--to-schema-datamodel",
    schema,
    "--script",
  ];
  return withoutRawSqlObjects(
    prisma(args, provider === "postgresql" ? postgresUrl : "file::memory:", {
      quiet: true,
    }),
  );
}

// Objects created by raw SQL in migrations that Prisma cannot model: SQLite's FTS5 table for asset search (DAM,
// issue #4) and its shadow tables. `migrate diff` sees them as strays and proposes to drop them; a generated
// migration must never do that.
const rawSqlTables = /^DROP TABLE "AssetSearchFts(_\w+)?";$/;

function withoutRawSqlObjects(sql: string): string {
  const kept = sql
    .split("\n")
    .filter((line) => !rawSqlTables.test(line.trim()));
  // Prisma wraps each SQLite table drop in foreign_keys off/on; drop the pairs left empty.
  const out: string[] = [];
  for (const line of kept) {
    if (
      line.trim() === "PRAGMA foreign_keys=on;" &&
      out.at(-1)?.trim() === "PRAGMA foreign_keys=off;"
    ) {
      out.pop();
      continue;
    }
    out.push(line);
  }
  // …and the "-- DropTable" comments that headed them.
  return out
    .filter((line, i) => {
      if (line.trim() !== "-- DropTable") return true;
      const next = out.slice(i + 1).find((l) => l.trim());
      return next !== undefined && /^DROP TABLE|^PRAGMA/.test(next.trim());
    })
    .join("\n")
    .replace(/\n{3,}/g, "\n\n");
}

/** The statements of a migration script, without comments and blank lines. */
export function sqlStatements(sql: string): string[] {
  return sql
    .split("\n")
    .filter((line) => line.trim() && !line.trimStart().startsWith("--"));
}
