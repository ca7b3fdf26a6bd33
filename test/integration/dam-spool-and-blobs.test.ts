// Issue #10 item 13: a killed ingest's spool file is swept, never one in use; and two concurrent uploads of the
// same bytes, one failing after storing the blob, never leave the other's committed version without its blob.
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  vi,
} from "vitest";
import db from "~/db.server";
import { addVersion, ingestUpload } from "~/dam/ingest.server";
import { sweepSpoolFiles, withSpool } from "~/dam/spool.server";
import { getStorage, masterKey, setStorage } from "~/dam/storage.server";
import type { StorageProvider } from "~/dam/storage/provider";
import { NotFound } from "~/lib/errors";
import { photo, removeDir, useTempStorageDir } from "../support/dam";

const shop = "spool-blobs.myshopify.com";
const actor = "user:1";
const HOUR = 3600_000;
let dir: string;
let real: StorageProvider;

beforeAll(async () => {
  dir = await useTempStorageDir();
  real = getStorage();
  await db.shop.create({ data: { shop } });
});
afterEach(() => {
  setStorage(real);
  delete process.env.DAM_SPOOL_MAX_AGE_MINUTES;
});
afterAll(() => removeDir(dir));

const spoolDir = () => path.join(dir, "tmp");

async function spoolFile(name: string, ageMs: number) {
  await mkdir(spoolDir(), { recursive: true });
  const file = path.join(spoolDir(), name);
  await writeFile(file, "partial upload");
  const when = new Date(Date.now() - ageMs);
  await utimes(file, when, when);
  return file;
}

describe("upload spool sweep", () => {
  it("removes spool files untouched for longer than the limit and keeps recent ones and other files", async () => {
    const abandoned = await spoolFile("upload-abandoned", 2 * HOUR);
    const recent = await spoolFile("upload-recent", 10 * 60_000);
    const other = await spoolFile("not-a-spool", 2 * HOUR);

    expect(await sweepSpoolFiles()).toBe(1);
    expect(existsSync(abandoned)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(existsSync(other)).toBe(true);

    process.env.DAM_SPOOL_MAX_AGE_MINUTES = "5";
    expect(await sweepSpoolFiles()).toBe(1);
    expect(existsSync(recent)).toBe(false);
  });

  it("never takes the spool file of an upload still in progress, however long it has been running", async () => {
    // 0.01 minutes: the in-use file is refreshed every 150 ms.
    process.env.DAM_SPOOL_MAX_AGE_MINUTES = "0.01";
    const abandoned = await spoolFile("upload-killed", HOUR);
    const kept = await withSpool(
      Buffer.from("a slow upload"),
      async ({ file }) => {
        // As if this upload had been analysed for an hour: only its refresh keeps it from looking abandoned.
        const old = new Date(Date.now() - HOUR);
        await utimes(file, old, old);
        await vi.waitFor(
          async () =>
            expect(Date.now() - (await stat(file)).mtimeMs).toBeLessThan(300),
          { timeout: 5_000, interval: 20 },
        );
        await sweepSpoolFiles();
        return existsSync(file);
      },
    );
    expect(kept).toBe(true);
    expect(existsSync(abandoned)).toBe(false);
  });

  it("answers 0 when no upload ever spooled", async () => {
    removeDir(spoolDir());
    expect(await sweepSpoolFiles()).toBe(0);
  });
});

/**
 * The real storage with both uploads held until both have looked for the blob (so both store it), and one upload's
 * `put` held until `release` of the other settles: the interleavings where a careless undo removes a committed blob.
 */
function racingStorage(hold: { upload: "A" | "B"; until: Promise<unknown> }) {
  const who = new AsyncLocalStorage<"A" | "B">();
  let looked = 0;
  let bothLooked!: () => void;
  const barrier = new Promise<void>((resolve) => (bothLooked = resolve));
  const storage: StorageProvider = Object.create(real) as StorageProvider;
  storage.has = async (key) => {
    const found = await real.has(key);
    if (++looked === 2) bothLooked();
    if (looked <= 2) await barrier;
    return found;
  };
  storage.put = async (key, data) => {
    await real.put(key, data);
    if (who.getStore() === hold.upload) await hold.until.catch(() => undefined);
  };
  setStorage(storage);
  return (upload: "A" | "B", run: () => Promise<unknown>) =>
    who.run(upload, run);
}

describe("concurrent uploads of the same bytes", () => {
  it("a failing upload that stores the blob does not remove it once the other upload committed its version", async () => {
    const bytes = await photo({ seed: 301 });
    const other: { upload?: Promise<unknown> } = {};
    const as = racingStorage({
      upload: "B",
      until: new Promise((resolve) => setImmediate(resolve)).then(
        () => other.upload,
      ),
    });
    const a = (other.upload = as("A", () =>
      ingestUpload({ shop, filename: "a.jpg", data: bytes, actor }),
    ));
    // B fails after storing: its asset does not exist (a real NotFound from the version's transaction).
    const b = as("B", () =>
      addVersion({
        shop,
        assetId: "missing",
        filename: "b.jpg",
        data: bytes,
        actor,
      }),
    );
    const [ra, rb] = await Promise.allSettled([a, b]);
    expect(ra.status).toBe("fulfilled");
    expect(rb.status === "rejected" && rb.reason).toBeInstanceOf(NotFound);
    await expectCommittedBlob(bytes);
  });

  it("an upload that committed puts the blob back when a failing one removed it before the commit", async () => {
    const bytes = await photo({ seed: 302 });
    const other: { upload?: Promise<unknown> } = {};
    const as = racingStorage({
      upload: "A",
      until: new Promise((resolve) => setImmediate(resolve)).then(
        () => other.upload,
      ),
    });
    const a = as("A", () =>
      ingestUpload({ shop, filename: "a.jpg", data: bytes, actor }),
    );
    const b = (other.upload = as("B", () =>
      addVersion({
        shop,
        assetId: "missing",
        filename: "b.jpg",
        data: bytes,
        actor,
      }),
    ));
    const [ra, rb] = await Promise.allSettled([a, b]);
    expect(ra.status).toBe("fulfilled");
    expect(rb.status).toBe("rejected");
    await expectCommittedBlob(bytes);
  });

  it("a failing upload alone leaves no blob behind", async () => {
    const bytes = await photo({ seed: 303 });
    await expect(
      addVersion({
        shop,
        assetId: "missing",
        filename: "c.jpg",
        data: bytes,
        actor,
      }),
    ).rejects.toBeInstanceOf(NotFound);
    const sha = createHash("sha256").update(bytes).digest("hex");
    expect(await real.has(masterKey(shop, sha))).toBe(false);
  });
});

async function expectCommittedBlob(bytes: Buffer) {
  const sha = createHash("sha256").update(bytes).digest("hex");
  const version = await db.assetVersion.findFirstOrThrow({
    where: { shop, sha256: sha },
  });
  expect(version.storageKey).toBe(masterKey(shop, sha));
  expect((await real.get(version.storageKey)).equals(bytes)).toBe(true);
}
