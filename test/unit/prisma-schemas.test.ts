import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { derivePostgresSchema } from "../../scripts/db-schema";

describe("Prisma schemas", () => {
  it("keeps the PostgreSQL schema derived from the SQLite one (run npm run db:schema)", () => {
    const expected = derivePostgresSchema(
      readFileSync("prisma/schema.prisma", "utf8"),
    );
    expect(readFileSync("prisma/postgresql/schema.prisma", "utf8")).toBe(
      expected,
    );
  });

  it("gives every model a shop column, so shop-scoped queries and shop/redact reach all data", () => {
    const schema = readFileSync("prisma/schema.prisma", "utf8");
    const models = [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)];
    expect(models.length).toBeGreaterThan(0);
    for (const [, name, body] of models) {
      expect({ name, hasShop: /^\s+shop\s+String\b/m.test(body!) }).toEqual({
        name,
        hasShop: true,
      });
    }
  });
});
