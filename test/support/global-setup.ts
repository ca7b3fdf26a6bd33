// Once per `vitest run` of the integration project: a migrated template database for the provider under test.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { providerOf } from "~/lib/database-url";
import { startLocalS3 } from "../../scripts/s3-local";
import {
  createMigratedDatabase,
  DEFAULT_POSTGRES_URL,
  dropDatabase,
  dropRunClones,
  runDirectory,
} from "./database";

declare module "vitest" {
  export interface ProvidedContext {
    runId: string;
    baseDatabaseUrl: string;
    templateDatabaseUrl: string;
    /** The run's local S3-protocol server (scripts/s3-local.ts) and its bucket. */
    s3Endpoint: string;
    s3Bucket: string;
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
  const s3 = await startLocalS3({ bucket: `vitrine-test-${runId}` });
  project.provide("s3Endpoint", s3.endpoint);
  project.provide("s3Bucket", s3.bucket);
  console.log(
    `[integration] ${providerOf(baseUrl)} template ready (run ${runId})`,
  );

  return async () => {
    await s3.close();
    await dropRunClones(templateUrl, baseUrl, runId);
    await dropDatabase(templateUrl, baseUrl);
    rmSync(runDirectory(runId), { recursive: true, force: true });
  };
}
