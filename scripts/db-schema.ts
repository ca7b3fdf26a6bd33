// Derives prisma/postgresql/schema/ from prisma/schema/ (the SQLite source of truth), file for file.
// `tsx scripts/db-schema.ts` writes it; `--check` exits 1 when the committed files are stale.
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";

export const SOURCE = "prisma/schema";
export const TARGET = "prisma/postgresql/schema";

/**
 * The `.prisma` files of a multi-file schema folder, by file name (sorted). Prisma also reads subfolders; this
 * derivation does not, so the folder must stay flat.
 */
export function readSchemaFolder(dir: string): Map<string, string> {
  const entries = readdirSync(dir, { withFileTypes: true });
  const folder = entries.find((entry) => entry.isDirectory());
  if (folder)
    throw new Error(`${dir}/${folder.name}: keep the schema folder flat`);
  const names = entries
    .map((entry) => entry.name)
    .filter((name) => name.endsWith(".prisma"))
    .sort();
  return new Map(
    names.map((name) => [name, readFileSync(path.join(dir, name), "utf8")]),
  );
}

/** Every `model` block (name and body) of a schema folder. */
export function schemaModels(dir: string): { name: string; body: string }[] {
  return [...readSchemaFolder(dir).values()].flatMap((text) =>
    [...text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)].map(
      ([, name, body]) => ({ name: name!, body: body! }),
    ),
  );
}

/** One file of the PostgreSQL schema from the SQLite file of the same name. */
export function derivePostgresFile(name: string, sqliteText: string): string {
  const header = `// GENERATED from ${SOURCE}/${name} by \`npm run db:schema\`. Do not edit.\n`;
  if (!/^(generator|datasource) /m.test(sqliteText)) return header + sqliteText;
  const derived = sqliteText
    // The classic client in node_modules/.prisma/client is generated once, from the SQLite schema.
    .replace(
      /\/\/ @shopify\/shopify-app-session-storage-prisma requires[\s\S]*?generator sessionStorageCompat \{[\s\S]*?\}\n\n/,
      "",
    )
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(
      'output       = "../../app/generated/prisma/sqlite"',
      'output       = "../../../app/generated/prisma/postgresql"',
    );
  if (
    !derived.includes('provider = "postgresql"') ||
    !derived.includes("/prisma/postgresql") ||
    derived.includes("sessionStorageCompat")
  )
    throw new Error(`${SOURCE}/${name}: datasource/generator lines not found`);
  return header + derived;
}

/** The PostgreSQL schema folder's files, by name, from the SQLite folder's. */
export function derivePostgresSchema(
  sqliteFiles: Map<string, string>,
): Map<string, string> {
  return new Map(
    [...sqliteFiles].map(([name, text]) => [
      name,
      derivePostgresFile(name, text),
    ]),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const expected = derivePostgresSchema(readSchemaFolder(SOURCE));
  mkdirSync(TARGET, { recursive: true });
  const actual = readSchemaFolder(TARGET);
  const stale = [
    ...[...expected].filter(([name, text]) => actual.get(name) !== text),
    ...[...actual.keys()].filter((name) => !expected.has(name)),
  ].map((entry) => (typeof entry === "string" ? entry : entry[0]));
  if (process.argv.includes("--check")) {
    if (stale.length > 0) {
      console.error(
        `${TARGET} is stale (${stale.join(", ")}): run npm run db:schema`,
      );
      process.exit(1);
    }
  } else {
    for (const name of actual.keys())
      if (!expected.has(name)) rmSync(path.join(TARGET, name));
    for (const [name, text] of expected)
      writeFileSync(path.join(TARGET, name), text);
    console.log(
      stale.length > 0
        ? `wrote ${TARGET}: ${stale.join(", ")}`
        : `${TARGET} is up to date`,
    );
  }
}
