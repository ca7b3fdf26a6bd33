// Once per `vitest run` of the integration project: a migrated template database for the provider under test.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { providerOf } from "~/lib/database-url";
import {
  createMigratedDatabase,
  DEFAULT_POSTGRES_URL,
  dropDatabase,
  runDirectory,
} from "./database";

declare module "vitest" {
  export interface ProvidedContext {
    runId: string;
    baseDatabaseUrl: string;
    templateDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const runId = randomBytes(4).toString("hex");
  const requested = process.env.DATABASE_URL ?? "file:sqlite";
  const baseUrl =
    providerOf(requested) === "postgresql"
      ? requested || DEFAULT_POSTGRES_URL
      : "file:sqlite";
  const templateUrl = await createMigratedDatabase(baseUrl, runId, "template");
  project.provide("runId", runId);
  project.provide("baseDatabaseUrl", baseUrl);
  project.provide("templateDatabaseUrl", templateUrl);
  console.log(
    `[integration] ${providerOf(baseUrl)} template ready (run ${runId})`,
  );

  return async () => {
    await dropDatabase(templateUrl, baseUrl);
    rmSync(runDirectory(runId), { recursive: true, force: true });
  };
}
