// The committed migrations, on the provider under test. This file's database is a clone of the run's template,
// which `prisma migrate deploy` built from nothing, exactly as production gets its schema.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import db from "~/db.server";
import { providerOf } from "~/lib/database-url";
import { schemaModels, SOURCE } from "../../scripts/db-schema";
import { pendingSchemaChanges, sqlStatements } from "../../scripts/prisma-cli";

const baseUrl = inject("baseDatabaseUrl");
const provider = providerOf(baseUrl);

const modelNames = schemaModels(SOURCE).map((model) => model.name);

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
  it("produce a table for every model of prisma/schema/ (and, beyond them, only the search index)", async () => {
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

  it("bring the PIM's stored STOREFRONT channel to the one vocabulary, leaving other channels alone", async () => {
    const { shop } = await db.shop.create({
      data: { shop: "vocabulary.myshopify.com" },
    });
    const product = await db.product.create({
      data: {
        shop,
        shopifyId: "gid://shopify/Product/2",
        handle: "scarf",
        title: "Scarf",
        searchText: "scarf",
        status: "ACTIVE",
      },
    });
    const attribute = (key: string) =>
      db.attributeDefinition.create({
        data: {
          shop,
          key,
          labels: { en: key },
          type: "single_line_text",
          validation: {},
        },
      });
    const fit = await attribute("fit");
    const care = await attribute("care");
    const family = await db.family.create({
      data: { shop, name: "Scarves", productTypes: [], categoryIds: [] },
    });
    await db.familyAttribute.createMany({
      data: [
        {
          shop,
          familyId: family.id,
          attributeId: fit.id,
          requiredChannels: ["STOREFRONT", "GOOGLE_MERCHANT"],
        },
        {
          shop,
          familyId: family.id,
          attributeId: care.id,
          requiredChannels: ["MARKETPLACE"],
        },
      ],
    });
    const value = (channel: string, attributeId: string) => ({
      shop,
      productId: product.id,
      ownerId: product.id,
      attributeId,
      channel,
      draft: `"${channel}"`,
    });
    await db.attributeValue.createMany({
      data: [
        value("STOREFRONT", fit.id),
        value("GOOGLE_MERCHANT", fit.id),
        value("*", fit.id),
        value("STOREFRONT", care.id),
      ],
    });
    await db.valueChange.create({
      data: {
        shop,
        changeId: "c2",
        productId: product.id,
        ownerId: product.id,
        attributeId: fit.id,
        locale: "*",
        channel: "STOREFRONT",
        kind: "EDIT",
      },
    });
    await db.productCompleteness.createMany({
      data: [
        {
          shop,
          productId: product.id,
          channel: "STOREFRONT",
          percent: 50,
          missing: [],
        },
        {
          shop,
          productId: product.id,
          channel: "GOOGLE_MERCHANT",
          percent: 20,
          missing: [],
        },
      ],
    });

    await runMigration("one_channel_vocabulary");

    const values = await db.attributeValue.findMany({
      where: { shop },
      select: { attributeId: true, channel: true, draft: true },
    });
    expect(
      values
        .map(
          (v) =>
            `${v.attributeId === fit.id ? "fit" : "care"} ${v.channel} ${v.draft}`,
        )
        .sort(),
    ).toEqual(
      [
        'care SHOPIFY_STOREFRONT "STOREFRONT"',
        'fit * "*"',
        'fit GOOGLE_MERCHANT "GOOGLE_MERCHANT"',
        'fit SHOPIFY_STOREFRONT "STOREFRONT"',
      ].sort(),
    );
    expect(
      await db.valueChange.findFirstOrThrow({ where: { shop } }),
    ).toMatchObject({ channel: "SHOPIFY_STOREFRONT" });
    const completeness = await db.productCompleteness.findMany({
      where: { shop },
      orderBy: { percent: "asc" },
    });
    expect(completeness.map((c) => [c.channel, c.percent])).toEqual([
      ["GOOGLE_MERCHANT", 20],
      ["SHOPIFY_STOREFRONT", 50],
    ]);
    const required = await db.familyAttribute.findMany({
      where: { shop },
      select: { attributeId: true, requiredChannels: true },
    });
    expect(
      required.find((r) => r.attributeId === fit.id)?.requiredChannels,
    ).toEqual(["SHOPIFY_STOREFRONT", "GOOGLE_MERCHANT"]);
    expect(
      required.find((r) => r.attributeId === care.id)?.requiredChannels,
    ).toEqual(["MARKETPLACE"]);
  });

  it("match the schema: no model change is missing a migration", () => {
    expect(sqlStatements(pendingSchemaChanges(provider, baseUrl))).toEqual([]);
  });
});
