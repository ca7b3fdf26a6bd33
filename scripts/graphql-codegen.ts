// Types the app's `#graphql` documents from Shopify's Admin API 2026-10 schema (the copy shipped in
// @shopify/dev-mcp), with @shopify/api-codegen-preset: admin.graphql() then returns typed data.
// Runs on install (postinstall) and with `npm run graphql-codegen`; output in app/types/ (generated, ignored).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generate } from "@graphql-codegen/cli";
import { ApiType, shopifyApiProject } from "@shopify/api-codegen-preset";
import { loadIntrospection } from "../emulator/schema.ts";

const schemaFile = path.join(
  "node_modules",
  ".cache",
  "vitrine",
  "admin_2026-10.json",
);
mkdirSync(path.dirname(schemaFile), { recursive: true });
writeFileSync(schemaFile, JSON.stringify({ data: loadIntrospection() }));

const project = shopifyApiProject({
  apiType: ApiType.Admin,
  apiVersion: "2026-10",
  documents: ["./app/**/*.{ts,tsx}", "!./app/generated/**", "!./app/types/**"],
  outputDir: "./app/types",
});

// The preset describes a graphql-config project whose schema is fetched from shopify.dev; point every output at
// the local copy instead, and skip the schema dump (tests read the schema from @shopify/dev-mcp directly).
const { generates, pluckConfig } = project.extensions!.codegen as {
  generates: Record<string, Record<string, unknown>>;
  pluckConfig: Record<string, unknown>;
};
const outputs = Object.fromEntries(
  Object.entries(generates)
    .filter(([file]) => !file.endsWith(".schema.json"))
    // Enums as string unions: a .d.ts enum has no runtime value, so code could not use it anyway.
    .map(([file, output]) => [
      file,
      {
        ...output,
        schema: schemaFile,
        config: { ...(output.config as object), enumsAsTypes: true },
      },
    ]),
);
await generate(
  {
    schema: schemaFile,
    documents: project.documents,
    generates: outputs,
    pluckConfig,
    silent: true,
    errorsOnly: true,
  },
  true,
);
console.log(
  "[graphql-codegen] app/types/admin.types.d.ts and admin.generated.d.ts written",
);
