// Test databases: one migrated template per run (built by `prisma migrate deploy`, the way production gets its
// schema) and a cheap clone of it per test file. DATABASE_URL picks the provider, as in the app.
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { providerOf, sqliteFile } from "~/lib/database-url";
import { migrateDeploy } from "../../scripts/setup";

export const DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test";

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(baseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${baseUrl}: ${(error as Error).message}. Start it or set DATABASE_URL.`,
      {
        cause: error,
      },
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function runDirectory(runId: string): string {
  return path.join(tmpdir(), `vitrine-test-${runId}`);
}

/** Creates an empty database named for this run and applies every committed migration to it. */
export async function createMigratedDatabase(
  baseUrl: string,
  runId: string,
  name: string,
): Promise<string> {
  if (providerOf(baseUrl) === "sqlite") {
    const dir = runDirectory(runId);
    mkdirSync(dir, { recursive: true });
    const url = `file:${path.join(dir, `${name}.sqlite`)}`;
    rmSync(sqliteFile(url), { force: true });
    migrateDeploy(url);
    return url;
  }
  const database = `vitrine_${runId}_${name}`;
  await adminQuery(
    baseUrl,
    `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`,
  );
  await adminQuery(baseUrl, `CREATE DATABASE "${database}"`);
  const url = withDatabase(baseUrl, database);
  migrateDeploy(url);
  return url;
}

/** A copy of the template for one test file. */
export async function cloneDatabase(
  templateUrl: string,
  baseUrl: string,
  runId: string,
  name: string,
): Promise<string> {
  if (providerOf(templateUrl) === "sqlite") {
    const url = `file:${path.join(runDirectory(runId), `${name}.sqlite`)}`;
    copyFileSync(sqliteFile(templateUrl), sqliteFile(url));
    return url;
  }
  const database = `vitrine_${runId}_${name}`;
  const template = new URL(templateUrl).pathname.slice(1);
  await adminQuery(
    baseUrl,
    `CREATE DATABASE "${database}" TEMPLATE "${template}"`,
  );
  // A test database is thrown away: its commits need not wait for the WAL to reach the disk (what PostgreSQL's
  // crash safety rests on, and what costs an fsync per commit while other steps write too).
  await adminQuery(
    baseUrl,
    `ALTER DATABASE "${database}" SET synchronous_commit = off`,
  );
  return withDatabase(baseUrl, database);
}

/**
 * Drops every database of the run but the template, all at once. PostgreSQL checkpoints on each DROP DATABASE
 * (~1.5 s here), and concurrent drops share one checkpoint: a file's clone is left for the run's teardown instead
 * of costing each test file that wait.
 */
export async function dropRunClones(
  templateUrl: string,
  baseUrl: string,
  runId: string,
): Promise<void> {
  if (providerOf(templateUrl) === "sqlite") return;
  const template = new URL(templateUrl).pathname.slice(1);
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1 AND datname <> $2",
      [`vitrine\\_${runId}\\_%`, template],
    );
    // Ten at a time: a run's clones share a few checkpoints without taking a connection each.
    for (let i = 0; i < rows.length; i += 10)
      await Promise.all(
        rows
          .slice(i, i + 10)
          .map((row) =>
            adminQuery(
              baseUrl,
              `DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`,
            ),
          ),
      );
  } finally {
    await client.end();
  }
}

export async function dropDatabase(
  url: string,
  baseUrl: string,
): Promise<void> {
  if (providerOf(url) === "sqlite") {
    for (const suffix of ["", "-wal", "-shm", "-journal"])
      rmSync(`${sqliteFile(url)}${suffix}`, { force: true });
    return;
  }
  await adminQuery(
    baseUrl,
    `DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`,
  );
}
