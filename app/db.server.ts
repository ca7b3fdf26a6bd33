// The one Prisma client of the process. The driver adapter follows DATABASE_URL: PostgreSQL for
// postgres:// URLs, otherwise SQLite through better-sqlite3 with a busy timeout. WAL is a property of the SQLite
// file, set once by `npm run setup` (scripts/setup.ts). prisma.config.ts does the same choice for the CLI.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "./generated/prisma/postgresql/client";
import { PrismaClient } from "./generated/prisma/sqlite/client";
import { env } from "./env.server";
import { providerOf, sqliteFile, type DbProvider } from "./lib/database-url";

export { Prisma } from "./generated/prisma/sqlite/client";
export type Db = PrismaClient;

const SQLITE_BUSY_TIMEOUT_MS = 5_000;
/** SQLite's default limit on bound values in one statement since 3.32.0. */
const SQLITE_MAX_VARIABLE_NUMBER = 32_766;

/**
 * Creates a client for `databaseUrl`. Both generated clients come from the same models, so the PostgreSQL one is
 * typed as the SQLite one; only raw SQL differs by provider (check `dbProvider`).
 */
export function createDb(databaseUrl: string): Db {
  const transactionOptions = {
    maxWait: env().DB_TRANSACTION_MAX_WAIT_MS,
    timeout: env().DB_TRANSACTION_TIMEOUT_MS,
  };
  if (providerOf(databaseUrl) === "postgresql") {
    const adapter = new PrismaPg({ connectionString: databaseUrl, max: 10 });
    return new PostgresClient({
      adapter,
      transactionOptions,
    }) as unknown as Db;
  }
  const file = sqliteFile(databaseUrl);
  if (file !== ":memory:")
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const adapter = new PrismaBetterSQLite3({
    url: file,
    timeout: SQLITE_BUSY_TIMEOUT_MS,
  });
  return new PrismaClient({
    adapter: withImmediateTransactions(adapter),
    transactionOptions,
  });
}

/**
 * The adapter opens transactions with a deferred BEGIN. When the web process and the worker both write, a
 * deferred transaction that read first cannot upgrade to a write lock and fails at once with "database is
 * locked" (SQLite does not wait there, to avoid a deadlock). BEGIN IMMEDIATE takes the write lock up front and
 * waits for it within the busy timeout instead: SQLite has one writer at a time either way.
 */
function withImmediateTransactions(
  factory: PrismaBetterSQLite3,
): PrismaBetterSQLite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const client = (
      adapter as unknown as {
        client: { prepare(sql: string): unknown; pragma(sql: string): unknown };
      }
    ).client;
    // In WAL mode NORMAL syncs the log at checkpoints, not at every commit: the database cannot be corrupted, and
    // only the last commits before a power loss (not a crash of the process) can be lost — SQLite's own advice
    // for WAL. FULL, the default, waits for an fsync on each of the many small commits the worker makes.
    client.pragma("synchronous = NORMAL");
    const prepare = client.prepare.bind(client);
    client.prepare = (sql: string) =>
      prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
    // Prisma's query compiler assumes SQLite's old limit of 999 bound values per statement and refuses a longer
    // `IN` list (P2029: a launch of 2,000 picked products). SQLite has allowed 32,766 since 3.32 (better-sqlite3
    // ships 3.49), the same as PostgreSQL's limit Prisma uses.
    (
      adapter as unknown as {
        getConnectionInfo(): {
          supportsRelationJoins: boolean;
          maxBindValues: number;
        };
      }
    ).getConnectionInfo = () => ({
      supportsRelationJoins: false,
      maxBindValues: SQLITE_MAX_VARIABLE_NUMBER,
    });
    return adapter;
  };
  return factory;
}

declare global {
  var vitrineDb: Db | undefined;
}

const databaseUrl = env().DATABASE_URL;
export const dbProvider: DbProvider = providerOf(databaseUrl);

// Cached on globalThis in development so Vite's HMR does not open a new pool per reload.
const cacheAcrossReloads = env().NODE_ENV === "development";
const db: Db =
  (cacheAcrossReloads ? globalThis.vitrineDb : undefined) ??
  createDb(databaseUrl);
if (cacheAcrossReloads) globalThis.vitrineDb = db;

export default db;
