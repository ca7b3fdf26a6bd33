// Before each integration test file: its own database (a clone of the run's template) and its own BullMQ
// prefix; after it, both are removed.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { cloneDatabase, dropDatabase, runDirectory } from "./database";
import { deleteKeys } from "./redis";

const runId = inject("runId");
const baseUrl = inject("baseDatabaseUrl");
const name = `f${randomBytes(4).toString("hex")}`;
const databaseUrl = await cloneDatabase(
  inject("templateDatabaseUrl"),
  baseUrl,
  runId,
  name,
);
const queuePrefix = `vitrine-test-${runId}-${name}`;

process.env.DATABASE_URL = databaseUrl;
process.env.QUEUE_PREFIX = queuePrefix;
// DAM: asset blobs (and the upload spool) in a folder of this test file, removed with the run directory.
process.env.STORAGE_DIR = path.join(runDirectory(runId), name, "storage");

afterAll(async () => {
  const { closeQueues } = await import("~/jobs/queues.server");
  await closeQueues();
  const { default: db } = await import("~/db.server");
  await db.$disconnect();
  await deleteKeys(queuePrefix);
  await dropDatabase(databaseUrl, baseUrl);
});
