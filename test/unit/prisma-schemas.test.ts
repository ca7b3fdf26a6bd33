import { describe, expect, it } from "vitest";
import {
  derivePostgresSchema,
  readSchemaFolder,
  schemaModels,
  SOURCE,
  TARGET,
} from "../../scripts/db-schema";

describe("Prisma schemas", () => {
  it("keeps the PostgreSQL schema derived from the SQLite one, file for file (run npm run db:schema)", () => {
    const expected = derivePostgresSchema(readSchemaFolder(SOURCE));
    expect(expected.size).toBeGreaterThan(1);
    expect(readSchemaFolder(TARGET)).toEqual(expected);
  });

  it("derives the PostgreSQL datasource and generator, without the classic client", () => {
    const main = derivePostgresSchema(readSchemaFolder(SOURCE)).get(
      "schema.prisma",
    )!;
    expect(main).toContain('provider = "postgresql"');
    expect(main).toContain('"../../../app/generated/prisma/postgresql"');
    expect(main).not.toContain("sessionStorageCompat");
    expect(main).not.toContain('"sqlite"');
  });

  it("keeps every schema file under ~300 lines (issue #12)", () => {
    const long = [...readSchemaFolder(SOURCE)]
      .filter(([, text]) => text.split("\n").length > 300)
      .map(([name]) => name);
    expect(long).toEqual([]);
  });

  it("gives every model a shop column, so shop-scoped queries and shop/redact reach all data", () => {
    const models = schemaModels(SOURCE);
    expect(models.length).toBeGreaterThan(20);
    for (const { name, body } of models) {
      expect({ name, hasShop: /^\s+shop\s+String\b/m.test(body) }).toEqual({
        name,
        hasShop: true,
      });
    }
  });
});
