import { describe, expect, inject, it } from "vitest";
import { createDb } from "~/db.server";
import { providerOf } from "~/lib/database-url";
import { pendingSchemaChanges, sqlStatements } from "../../scripts/prisma-cli";
import { createMigratedDatabase, dropDatabase } from "../support/database";

const baseUrl = inject("baseDatabaseUrl");
const provider = providerOf(baseUrl);

describe(`migrations (${provider})`, () => {
  it("apply cleanly to a fresh database and produce every model's table", async () => {
    const url = await createMigratedDatabase(baseUrl, inject("runId"), "fresh");
    const client = createDb(url);
    try {
      const tables =
        provider === "sqlite"
          ? await client.$queryRawUnsafe<{ name: string }[]>(
              "SELECT name FROM sqlite_master WHERE type = 'table'",
            )
          : await client.$queryRawUnsafe<{ name: string }[]>(
              "SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public'",
            );
      expect(tables.map((t) => t.name)).toEqual(
        expect.arrayContaining(["Session", "Shop", "WebhookEvent"]),
      );
      await expect(
        client.shop.create({ data: { shop: "fresh.myshopify.com" } }),
      ).resolves.toMatchObject({
        status: "INSTALLED",
      });
    } finally {
      await client.$disconnect();
      await dropDatabase(url, baseUrl);
    }
  });

  it("match the schema: no model change is missing a migration", () => {
    expect(sqlStatements(pendingSchemaChanges(provider, baseUrl))).toEqual([]);
  });
});
