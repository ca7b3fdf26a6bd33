// Every GraphQL document the app sends (`#graphql` tagged strings under app/) must be valid against Shopify's
// Admin API 2026-10 schema and use no deprecated field, argument or enum value.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  Kind,
  parse,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type GraphQLSchema,
} from "graphql";
import { describe, expect, it } from "vitest";
import { adminSchema } from "../../emulator/schema";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return ["generated", "types"].includes(entry.name)
        ? []
        : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function appDocuments(): { file: string; source: string }[] {
  return sourceFiles("app").flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/`#graphql\s([\s\S]*?)`/g)].map(
      (match) => ({ file, source: match[1]! }),
    ),
  );
}

function deprecatedUses(schema: GraphQLSchema, source: string): string[] {
  const uses: string[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    parse(source),
    visitWithTypeInfo(typeInfo, {
      Field() {
        const field = typeInfo.getFieldDef();
        const parent = typeInfo.getParentType();
        if (field?.deprecationReason)
          uses.push(
            `${parent?.name}.${field.name}: ${field.deprecationReason}`,
          );
      },
      Argument() {
        const argument = typeInfo.getArgument();
        if (argument?.deprecationReason)
          uses.push(`argument ${argument.name}: ${argument.deprecationReason}`);
      },
      EnumValue(node) {
        const value = typeInfo.getEnumValue();
        if (value?.deprecationReason)
          uses.push(`enum ${node.value}: ${value.deprecationReason}`);
      },
    }),
  );
  return uses;
}

describe("the app's GraphQL documents", () => {
  const documents = appDocuments();

  it("are found in the app", () => {
    expect(documents.length).toBeGreaterThan(0);
  });

  it.each(documents.map((d) => [d.file, d.source] as const))(
    "%s is valid against Admin API 2026-10",
    (_file, source) => {
      const errors = validate(adminSchema(), parse(source)).map(
        (e) => e.message,
      );
      expect(errors).toEqual([]);
    },
  );

  it.each(documents.map((d) => [d.file, d.source] as const))(
    "%s uses nothing deprecated",
    (_file, source) => {
      expect(deprecatedUses(adminSchema(), source)).toEqual([]);
    },
  );

  it.each(documents.map((d) => [d.file, d.source] as const))(
    "%s names its operation (codegen types it by name)",
    (_file, source) => {
      const operations = parse(source).definitions.filter(
        (d) => d.kind === Kind.OPERATION_DEFINITION,
      );
      expect(
        operations.every((o) => o.kind === Kind.OPERATION_DEFINITION && o.name),
      ).toBe(true);
    },
  );
});

describe("the contract check itself", () => {
  it("reports a field the schema does not have and a deprecated one", () => {
    expect(
      validate(
        adminSchema(),
        parse("query { products(first: 1) { nodes { inventoryTotal } } }"),
      ),
    ).not.toEqual([]);
    expect(
      deprecatedUses(
        adminSchema(),
        "query { products(first: 1) { nodes { featuredImage { url } } } }",
      ),
    ).toEqual([expect.stringContaining("Product.featuredImage")]);
  });
});
