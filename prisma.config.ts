// Prisma CLI configuration. Prisma 6.19 runs offline only with the JavaScript schema engine and a driver adapter
// (`engine: "js"`); the native engines would be downloaded from the internet. The provider follows DATABASE_URL:
// `postgres://…`/`postgresql://…` → PostgreSQL schema and migrations, anything else → SQLite.
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import type { PoolConfig, QueryResult } from "pg";
import { providerOf, sqliteFile } from "./app/lib/database-url";

// The schema's `url = env("DATABASE_URL")` must resolve or the CLI falls back to downloading an engine,
// and Prisma does not read .env when a config file exists.
process.env.DATABASE_URL ||= "file:./data/vitrine.sqlite";
const url = process.env.DATABASE_URL;
const isPostgres = providerOf(url) === "postgresql";

function pgConfig(connectionString: string): PoolConfig {
  // An explicit `database` (not a connection string) so the shadow database below can override it.
  const u = new URL(connectionString);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username) || undefined,
    password: decodeURIComponent(u.password) || undefined,
    database: decodeURIComponent(u.pathname.slice(1)) || undefined,
    ssl:
      u.searchParams.get("sslmode") === "require"
        ? { rejectUnauthorized: false }
        : undefined,
    // The CLI never ends its pool, so the process only exits once idle connections time out (default 10 s).
    idleTimeoutMillis: 1_000,
  };
}

async function postgresAdapter() {
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const pg = (await import("pg")).default;

  // prisma/orm#27403: the JS schema engine cannot deserialize catalog columns of type `name` (oid 19) or
  // `"char"` (oid 18); report them as text (oid 25). Only the CLI needs this; the runtime client never reads them.
  class CatalogAsTextPool extends pg.Pool {
    override async query(...args: unknown[]): Promise<never> {
      const result = (await (
        super.query as (...a: unknown[]) => Promise<QueryResult>
      )(...args)) as QueryResult;
      for (const field of result?.fields ?? []) {
        if (field.dataTypeID === 19 || field.dataTypeID === 18)
          field.dataTypeID = 25;
      }
      return result as never;
    }
  }

  const config = pgConfig(url);
  const factory = new PrismaPg(new CatalogAsTextPool(config));
  // adapter-pg drops its shadow database before closing the pool connected to it, which always fails;
  // create and drop it ourselves (used by `npm run db:migration`).
  factory.connectToShadowDb = async () => {
    const name = `vitrine_shadow_${randomUUID().replaceAll("-", "")}`;
    const admin = new pg.Client(config);
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const pool = new CatalogAsTextPool({ ...config, database: name });
    const adapter = await new PrismaPg(pool).connect();
    adapter.dispose = async () => {
      await pool.end();
      const cleanup = new pg.Client(config);
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    };
    return adapter;
  };
  return factory;
}

async function sqliteAdapter() {
  const { PrismaBetterSQLite3 } =
    await import("@prisma/adapter-better-sqlite3");
  const file = sqliteFile(url);
  if (file !== ":memory:")
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const factory = new PrismaBetterSQLite3({ url: file });
  // The schema engine replays each migration into the in-memory shadow database with executeRaw, which
  // better-sqlite3 prepares as a single statement; run multi-statement migration scripts with exec instead.
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const adapter = await connectToShadowDb();
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      if (query.args.length === 0 && /;\s*\S/.test(query.sql)) {
        await adapter.executeScript(query.sql);
        return 0;
      }
      return executeRaw(query);
    };
    return adapter;
  };
  return factory;
}

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  // Multi-file schemas (one .prisma file per domain): prisma/schema/ is the SQLite source of truth,
  // prisma/postgresql/schema/ is derived from it (scripts/db-schema.ts).
  schema: isPostgres ? "prisma/postgresql/schema" : "prisma/schema",
  migrations: {
    path: isPostgres ? "prisma/postgresql/migrations" : "prisma/migrations",
  },
  adapter: isPostgres ? postgresAdapter : sqliteAdapter,
});
