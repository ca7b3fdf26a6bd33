// Upload spool files: an upload streams to STORAGE_DIR/tmp/upload-* (hashed and counted as it goes) before anything
// reads it. A spool file in use has its modification time refreshed every few minutes, so any process (web or
// worker, on this machine or another sharing the folder) can tell a live spool from one an ingest killed mid-way
// left behind: `sweepSpoolFiles` removes only files untouched for longer than the longest upload may take.
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, rm, stat, utimes } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { env } from "~/env.server";
import { Invalid, TooLarge } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import { maxUploadBytes } from "./upload-limits";

export type UploadData = Buffer | Readable | AsyncIterable<Uint8Array>;

export interface Spooled {
  file: string;
  sha256: string;
  bytes: number;
}

const PREFIX = "upload-";

/** A spool file untouched for this long is abandoned (default 1 h; DAM_SPOOL_MAX_AGE_MINUTES overrides it). */
export function spoolMaxAgeMs(): number {
  return (Number(process.env.DAM_SPOOL_MAX_AGE_MINUTES) || 60) * 60_000;
}

const spoolDir = () => path.resolve(env().STORAGE_DIR, "tmp");

/** Writes the upload to a temp file, hashing and counting as it goes; refuses it past the size limit. */
async function spool(data: UploadData, file: string): Promise<Spooled> {
  const hash = createHash("sha256");
  const limit = maxUploadBytes();
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > limit) {
        done(
          new TooLarge(
            `the file is larger than the ${Math.round(limit / 1024 / 1024)} MB limit`,
          ),
        );
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const source = Buffer.isBuffer(data)
    ? Readable.from([data])
    : Readable.from(data);
  await pipeline(source, meter, createWriteStream(file));
  if (bytes === 0) throw new Invalid("the file is empty");
  return { file, sha256: hash.digest("hex"), bytes };
}

/**
 * Spools `data`, runs `work` on it and removes the spool file afterwards, whatever happens. While it runs, the
 * file's modification time is refreshed at a quarter of the sweep age, so the sweeper never takes it.
 */
export async function withSpool<T>(
  data: UploadData,
  work: (spooled: Spooled) => Promise<T>,
): Promise<T> {
  await mkdir(spoolDir(), { recursive: true });
  const file = path.join(
    spoolDir(),
    `${PREFIX}${randomBytes(8).toString("hex")}`,
  );
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(file, now, now).catch(() => undefined);
  }, spoolMaxAgeMs() / 4);
  heartbeat.unref();
  try {
    return await work(await spool(data, file));
  } finally {
    clearInterval(heartbeat);
    await rm(file, { force: true });
  }
}

/**
 * Removes spool files left by an ingest that was killed (untouched for `spoolMaxAgeMs`); files in use are
 * refreshed by `withSpool` and never taken. Idempotent; returns how many files it removed. Never throws for a
 * file another sweeper removed first.
 */
export async function sweepSpoolFiles(now = Date.now()): Promise<number> {
  const names = await readdir(spoolDir()).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  });
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(PREFIX)) continue;
    const file = path.join(spoolDir(), name);
    const stats = await stat(file).catch(() => null);
    if (!stats?.isFile() || now - stats.mtimeMs <= spoolMaxAgeMs()) continue;
    await rm(file, { force: true });
    removed++;
  }
  if (removed) logger.info({ removed }, "abandoned upload spool files removed");
  return removed;
}
