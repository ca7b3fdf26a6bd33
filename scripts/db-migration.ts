// `npm run db:migration -- <name>`: writes a new migration for both providers from the difference between the
// committed migrations and the schema folder (prisma/schema/). Run `npm run db:schema` first. PostgreSQL is reached at
// MIGRATION_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/postgres) for a temporary shadow database.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  pendingSchemaChanges,
  providers,
  sqlStatements,
  type Provider,
} from "./prisma-cli.ts";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <snake_case_name>");
  process.exit(2);
}

const postgresUrl =
  process.env.MIGRATION_POSTGRES_URL ??
  "postgresql://postgres@127.0.0.1:5432/postgres";
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);

for (const provider of Object.keys(providers) as Provider[]) {
  const sql = pendingSchemaChanges(provider, postgresUrl);
  if (sqlStatements(sql).length === 0) {
    console.log(`[${provider}] no changes`);
    continue;
  }
  const dir = path.join(providers[provider].migrations, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`[${provider}] wrote ${dir}/migration.sql`);
}
