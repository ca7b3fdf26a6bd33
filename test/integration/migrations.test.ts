// The committed migrations, on the provider under test. This file's database is a clone of the run's template,
// which `prisma migrate deploy` built from nothing, exactly as production gets its schema.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import db from "~/db.server";
import { providerOf } from "~/lib/database-url";
import { pendingSchemaChanges, sqlStatements } from "../../scripts/prisma-cli";

const baseUrl = inject("baseDatabaseUrl");
const provider = providerOf(baseUrl);

const modelNames = [
  ...readFileSync("prisma/schema.prisma", "utf8").matchAll(/^model (\w+) \{/gm),
].map((match) => match[1]!);

async function tableNames(): Promise<string[]> {
  const rows =
    provider === "sqlite"
      ? await db.$queryRawUnsafe<{ name: string }[]>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )
      : await db.$queryRawUnsafe<{ name: string }[]>(
          "SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public'",
        );
  return rows
    .map((row) => row.name)
    .filter((name) => name !== "_prisma_migrations");
}

/** Runs one committed migration's SQL again on this database. */
async function runMigration(name: string): Promise<void> {
  const dir =
    provider === "sqlite"
      ? "prisma/migrations"
      : "prisma/postgresql/migrations";
  const folder = readdirSync(dir).find((entry) => entry.endsWith(`_${name}`));
  if (!folder) throw new Error(`no migration named ${name} in ${dir}`);
  const sql = readFileSync(path.join(dir, folder, "migration.sql"), "utf8");
  const statements = sql
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("--"))
    .join("\n")
    .split(";")
    .map((statement) => statement.trim())
    .filter(Boolean);
  for (const statement of statements) await db.$executeRawUnsafe(statement);
}

describe(`migrations (${provider})`, () => {
  it("produce a table for every model of schema.prisma (and, beyond them, only the search index)", async () => {
    expect(modelNames.length).toBeGreaterThan(20);
    const tables = await tableNames();
    expect(modelNames.filter((model) => !tables.includes(model))).toEqual([]);
    // SQLite's full-text index (a hand-written FTS5 table and its shadow tables) has no model.
    expect(
      tables.filter(
        (table) =>
          !modelNames.includes(table) && !table.startsWith("AssetSearchFts"),
      ),
    ).toEqual([]);
    await expect(
      db.shop.create({ data: { shop: "fresh.myshopify.com" } }),
    ).resolves.toMatchObject({ status: "INSTALLED" });
  });

  it("bring the PIM's bare staff ids to the one actor format, leaving other actors alone", async () => {
    const { shop } = await db.shop.create({
      data: { shop: "actors.myshopify.com" },
    });
    const product = await db.product.create({
      data: {
        shop,
        shopifyId: "gid://shopify/Product/1",
        handle: "coat",
        title: "Coat",
        searchText: "coat",
        status: "ACTIVE",
        approvedBy: "84",
      },
    });
    const attribute = await db.attributeDefinition.create({
      data: {
        shop,
        key: "fit",
        labels: { en: "Fit" },
        type: "single_line_text",
        validation: {},
      },
    });
    const change = (actor: string | null) => ({
      shop,
      changeId: "c1",
      productId: product.id,
      ownerId: product.id,
      attributeId: attribute.id,
      locale: "*",
      channel: "*",
      kind: "EDIT",
      actor,
    });
    await db.valueChange.createMany({
      data: [
        change("84"),
        change("user:84"),
        change("sheet@example.com"),
        change(null),
      ],
    });
    await db.attributeValue.create({
      data: {
        shop,
        productId: product.id,
        ownerId: product.id,
        attributeId: attribute.id,
        draft: '"Slim"',
        updatedBy: "84",
      },
    });

    await runMigration("one_actor_format");

    const actors = await db.valueChange.findMany({
      where: { shop },
      orderBy: { id: "asc" },
      select: { actor: true },
    });
    expect(actors.map((a) => a.actor).sort()).toEqual(
      ["user:84", "user:84", "sheet@example.com", null].sort(),
    );
    expect(
      await db.attributeValue.findFirstOrThrow({ where: { shop } }),
    ).toMatchObject({ updatedBy: "user:84" });
    expect(
      await db.product.findFirstOrThrow({ where: { shop } }),
    ).toMatchObject({ approvedBy: "user:84" });
  });

  it("match the schema: no model change is missing a migration", () => {
    expect(sqlStatements(pendingSchemaChanges(provider, baseUrl))).toEqual([]);
  });
});
