// `npm run setup`: generates both Prisma clients (the runtime picks one from DATABASE_URL) and applies the
// committed migrations to DATABASE_URL (default: the SQLite file under ./data).
import Database from "better-sqlite3";
import { providerOf, sqliteFile } from "../app/lib/database-url.ts";
import { prisma } from "./prisma-cli.ts";

const databaseUrl = process.env.DATABASE_URL || "file:./data/vitrine.sqlite";

export function generateClients(): void {
  // `generate` does not connect; the URL only selects the schema in prisma.config.ts.
  prisma(["generate"], "file:./data/generate.sqlite", { quiet: true });
  prisma(["generate"], "postgresql://localhost/generate", { quiet: true });
}

/** Applies committed migrations; for SQLite also switches the file to WAL (persistent, lets readers run during writes). */
export function migrateDeploy(url: string): void {
  prisma(["migrate", "deploy"], url, { quiet: true });
  if (providerOf(url) === "sqlite") {
    const file = new Database(sqliteFile(url));
    file.pragma("journal_mode = WAL");
    file.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const onlyGenerate = process.argv.includes("--generate-only");
  console.log("[setup] generating Prisma clients (sqlite, postgresql)");
  generateClients();
  if (!onlyGenerate) {
    console.log(
      `[setup] applying migrations to ${providerOf(databaseUrl)} database ${redact(databaseUrl)}`,
    );
    migrateDeploy(databaseUrl);
    console.log("[setup] database is up to date");
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, "//$1:***@");
}
