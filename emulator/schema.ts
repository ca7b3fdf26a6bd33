// Shopify's real Admin GraphQL schema, 2026-10, from the introspection Shopify ships in @shopify/dev-mcp.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import {
  buildClientSchema,
  type GraphQLSchema,
  type IntrospectionQuery,
} from "graphql";

export const ADMIN_API_VERSION = "2026-10";

let cached: GraphQLSchema | undefined;

export function adminSchemaPath(version = ADMIN_API_VERSION): string {
  // The package exports neither package.json nor its data files (and only for `import`): find its folder.
  for (
    let dir = path.dirname(fileURLToPath(import.meta.url));
    ;
    dir = path.dirname(dir)
  ) {
    const candidate = path.join(
      dir,
      "node_modules",
      "@shopify",
      "dev-mcp",
      "dist",
      "data",
      `admin_${version}.json.gz`,
    );
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir)
      throw new Error("@shopify/dev-mcp is not installed (npm install)");
  }
}

export function loadIntrospection(
  version = ADMIN_API_VERSION,
): IntrospectionQuery {
  const json = JSON.parse(
    gunzipSync(readFileSync(adminSchemaPath(version))).toString("utf8"),
  ) as IntrospectionQuery | { data: IntrospectionQuery };
  return "data" in json ? json.data : json;
}

/** The Admin API schema (built once per process). */
export function adminSchema(): GraphQLSchema {
  cached ??= buildClientSchema(loadIntrospection(), { assumeValid: true });
  return cached;
}
