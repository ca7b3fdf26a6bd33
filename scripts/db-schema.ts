// Derives prisma/postgresql/schema.prisma from prisma/schema.prisma (the SQLite source of truth).
// `tsx scripts/db-schema.ts` writes it; `--check` exits 1 when the committed file is stale.
import { readFileSync, writeFileSync } from "node:fs";

const SOURCE = "prisma/schema.prisma";
const TARGET = "prisma/postgresql/schema.prisma";

export function derivePostgresSchema(sqliteSchema: string): string {
  const derived = sqliteSchema
    // The classic client in node_modules/.prisma/client is generated once, from the SQLite schema.
    .replace(
      /\/\/ @shopify\/shopify-app-session-storage-prisma requires[\s\S]*?generator sessionStorageCompat \{[\s\S]*?\}\n\n/,
      "",
    )
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(
      'output       = "../app/generated/prisma/sqlite"',
      'output       = "../../app/generated/prisma/postgresql"',
    );
  if (derived === sqliteSchema)
    throw new Error(`${SOURCE}: datasource/generator lines not found`);
  return `// GENERATED from prisma/schema.prisma by \`npm run db:schema\`. Do not edit.\n${derived}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const expected = derivePostgresSchema(readFileSync(SOURCE, "utf8"));
  if (process.argv.includes("--check")) {
    const actual = readFileSync(TARGET, "utf8");
    if (actual !== expected) {
      console.error(`${TARGET} is stale: run npm run db:schema`);
      process.exit(1);
    }
  } else {
    writeFileSync(TARGET, expected);
    console.log(`wrote ${TARGET}`);
  }
}
