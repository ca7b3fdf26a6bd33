// Before each integration test file: its own database (a clone of the run's template) and its own BullMQ
// prefix; after it, both are removed (a PostgreSQL clone with the run's others at its end: see dropRunClones).
// A file of database-free.ts gets no database: DATABASE_URL names a port nothing listens on, so a query fails.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, inject, vi } from "vitest";
import { providerOf } from "~/lib/database-url";
import { cloneDatabase, dropDatabase } from "./database";
import { isDatabaseFree } from "./database-free";
import { deleteKeys } from "./redis";

// Files share one process (isolate: false in vitest.config.ts): the app's modules the previous file loaded hold
// its database client, queues and storage; drop them so this file's imports evaluate afresh, after the
// environment below is set. Libraries from node_modules stay loaded, which is what sharing the process saves.
vi.resetModules();

const runId = inject("runId");
const baseUrl = inject("baseDatabaseUrl");
const name = `f${randomBytes(4).toString("hex")}`;
const databaseFree = isDatabaseFree(expect.getState().testPath ?? "");
const databaseUrl = databaseFree
  ? "postgresql://database-free@127.0.0.1:1/none"
  : await cloneDatabase(inject("templateDatabaseUrl"), baseUrl, runId, name);
const queuePrefix = `vitrine-test-${runId}-${name}`;

process.env.DATABASE_URL = databaseUrl;
process.env.QUEUE_PREFIX = queuePrefix;
// Blobs (asset versions, renditions) go to a folder of this test file, removed afterwards.
const storageDir = mkdtempSync(path.join(tmpdir(), `vitrine-${name}-`));
process.env.STORAGE_DIR = storageDir;

afterAll(async () => {
  const { closeQueues } = await import("~/jobs/queues.server");
  await closeQueues();
  const { default: db } = await import("~/db.server");
  await db.$disconnect();
  await deleteKeys(queuePrefix);
  if (!databaseFree && providerOf(databaseUrl) === "sqlite")
    await dropDatabase(databaseUrl, baseUrl);
  rmSync(storageDir, { recursive: true, force: true });
});
