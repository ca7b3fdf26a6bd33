// Every GraphQL document the app sends (`#graphql` tagged strings under app/) must be valid against Shopify's
// Admin API 2026-10 schema and use no deprecated field, argument or enum value. A document includes a shared
// fragment by interpolating its constant (`${MIRROR_PRODUCT_FIELDS}`); it is resolved here by the constant's name,
// as codegen resolves it, so each operation is checked as it is sent.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  Kind,
  NoUnusedFragmentsRule,
  parse,
  specifiedRules,
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

interface Document {
  file: string;
  /** The constant holding it, when it is assigned to one. */
  name?: string;
  source: string;
}

/** Replaces each `${NAME}` by the `#graphql` document held by the constant NAME (recursively). */
function resolveFragments(source: string, byName: Map<string, string>): string {
  return source.replace(/\$\{(\w+)\}/g, (_, name: string) => {
    const fragment = byName.get(name);
    if (fragment === undefined)
      throw new Error(`\${${name}} is not a #graphql document of the app`);
    return resolveFragments(fragment, byName);
  });
}

function appDocuments(): Document[] {
  const found = sourceFiles("app").flatMap((file) =>
    [
      ...readFileSync(file, "utf8").matchAll(
        /(?:(\w+)\s*=\s*)?`#graphql\s([\s\S]*?)`/g,
      ),
    ].map((match) => ({ file, name: match[1], source: match[2]! })),
  );
  const byName = new Map(
    found.flatMap((d) => (d.name ? [[d.name, d.source] as const] : [])),
  );
  return found.map((d) => ({
    ...d,
    source: resolveFragments(d.source, byName),
  }));
}

/** A fragment-only document is checked on its own too, where "never used" is expected. */
const isFragmentOnly = (source: string) =>
  parse(source).definitions.every((d) => d.kind === Kind.FRAGMENT_DEFINITION);

function validationErrors(schema: GraphQLSchema, source: string): string[] {
  const rules = isFragmentOnly(source)
    ? specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule)
    : specifiedRules;
  return validate(schema, parse(source), rules).map((e) => e.message);
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
      expect(validationErrors(adminSchema(), source)).toEqual([]);
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

  it("checks an operation with the fragments it includes, and refuses one that includes an unknown constant", () => {
    const byName = new Map([
      ["FIELDS", "fragment Fields on Product { inventoryTotal }"],
    ]);
    const operation = resolveFragments(
      "query Q { product(id: 1) { ...Fields } }\n${FIELDS}",
      byName,
    );
    expect(validationErrors(adminSchema(), operation)).toEqual([
      expect.stringContaining("inventoryTotal"),
    ]);
    expect(() =>
      resolveFragments("query Q { shop { id } } ${NOPE}", byName),
    ).toThrow(/NOPE/);
  });

  it("checks a fragment-only document's fields without asking that it be used", () => {
    expect(
      validationErrors(adminSchema(), "fragment F on Product { id title }"),
    ).toEqual([]);
    expect(
      validationErrors(
        adminSchema(),
        "fragment F on Product { inventoryTotal }",
      ),
    ).not.toEqual([]);
  });
});
