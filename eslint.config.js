// Lint: type-aware promise rules, React, and the import boundaries from STYLE.md.
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const adapters = {
  sharp: {
    group: ["sharp"],
    message:
      "sharp is imported only by app/dam/image.server.ts and app/dam/decode.server.ts (the decode policy)",
  },
  queue: {
    group: ["bullmq", "ioredis"],
    message: "BullMQ and Redis live in app/jobs/ and app/worker/",
  },
  prisma: {
    group: [
      "@prisma/*",
      "~/generated/*",
      "**/generated/prisma/*",
      "~/db.server",
      "**/db.server",
    ],
    message:
      "no Prisma in routes, components, jobs, the worker or client-side modules: call a *.server.ts use case or a *.db.server.ts query",
  },
};
const restrictAdapters = (files, names) => ({
  files,
  rules: {
    "no-restricted-imports": [
      "error",
      { patterns: names.map((name) => adapters[name]) },
    ],
  },
});
const restrictLayers = (files, group, message) => ({
  files,
  rules: {
    "@typescript-eslint/no-restricted-imports": [
      "error",
      { patterns: [{ group, message }] },
    ],
  },
});

export default tseslint.config(
  {
    ignores: [
      "build/",
      "app/generated/",
      "app/types/",
      "node_modules/",
      "test/e2e/artifacts/",
      ".cache/",
      "coverage/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": [
        "error",
        { checksVoidReturn: { attributes: false } },
      ],
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { fixStyle: "inline-type-imports" },
      ],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    files: ["**/*.tsx"],
    plugins: { react, "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    settings: { react: { version: "detect" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.configs.recommended.rules,
      "react/prop-types": "off",
    },
  },
  { files: ["**/*.{js,cjs,mjs}"], ...tseslint.configs.disableTypeChecked },
  // Scripts, tests and the emulator print to the console on purpose.
  {
    files: ["scripts/**", "test/**", "emulator/**", "*.config.ts"],
    rules: { "no-console": "off" },
  },

  // Import boundaries (STYLE.md). Adapters: sharp only in dam/decode.server.ts (the one decode policy), BullMQ/ioredis only in jobs/ and
  // worker/, Prisma in server modules but not in routes, components, jobs or the worker (*.db.server.ts names the
  // pure queries, *.server.ts the use cases that also call Shopify, queues or storage). A later block replaces an
  // earlier one's rule options for the files it matches, so each block lists every restriction for its files.
  restrictAdapters(["app/**"], ["sharp", "queue", "prisma"]),
  restrictAdapters(
    ["app/**/*.server.ts", "app/**/*.server.tsx"],
    ["sharp", "queue"],
  ),
  restrictAdapters(["app/dam/decode.server.ts"], ["queue", "prisma"]),
  restrictAdapters(["app/jobs/**", "app/worker/**"], ["sharp", "prisma"]),
  restrictAdapters(
    ["app/routes/**", "app/components/**"],
    ["sharp", "queue", "prisma"],
  ),
  // The worker entry closes the database client on shutdown.
  restrictAdapters(["app/worker/main.server.ts"], ["sharp"]),
  // Layers (ARCHITECTURE.md): components are presentational; pim and dam never depend on sync.
  restrictLayers(
    ["app/components/**"],
    ["*.server", "**/*.server"],
    "components are presentational: no server modules",
  ),
  restrictLayers(
    ["app/pim/**", "app/dam/**"],
    ["~/sync/*", "**/sync/*"],
    "pim and dam must not depend on sync",
  ),
  // Routes are thin: queueing work and kicking the outbox belong to the use case they call.
  restrictLayers(
    ["app/routes/**"],
    ["~/jobs/*", "**/jobs/*", "~/outbox/*", "**/outbox/*"],
    "routes call a use case; jobs and the outbox are its business",
  ),
);
