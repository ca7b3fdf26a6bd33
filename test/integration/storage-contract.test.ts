// The storage contract, run on every provider: local folder, memory, and S3 against the run's local S3-protocol
// server (real HTTP and SigV4 checks), also as STORAGE_URL builds it (the SDK loaded on first use). Presigned
// access: storage-s3-presigned.test.ts.
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import {
  LazyS3Storage,
  LocalStorage,
  MemoryStorage,
  masterKey,
  renditionStoragePath as renditionKey,
  type StorageProvider,
} from "~/dam/storage.server";
import { s3Options, testS3Storage } from "../support/s3";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function local(): LocalStorage {
  const dir = mkdtempSync(path.join(tmpdir(), "vitrine-storage-"));
  dirs.push(dir);
  return new LocalStorage(dir);
}

const providers: [string, () => StorageProvider][] = [
  ["local folder", local],
  ["memory", () => new MemoryStorage()],
  ["S3", () => testS3Storage()],
  ["S3, loaded on first use", () => new LazyS3Storage(s3Options())],
];

const shop = "a.myshopify.com";
const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");
const key = masterKey(shop, "ab".repeat(32));

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** A stream that sends `head`, then fails like a dropped connection. */
function failingAfter(head: Buffer): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (sent) {
        this.destroy(new Error("connection reset"));
        return;
      }
      sent = true;
      this.push(head);
    },
  });
}

const missing = expect.objectContaining({ name: "NotFound" });

describe.each(providers)("%s storage", (_name, make) => {
  it("stores a buffer and reads it back whole, streamed and by size", async () => {
    const storage = make();
    const data = randomBytes(1000);
    await storage.put(key, data);
    expect(await storage.has(key)).toBe(true);
    expect(await storage.get(key)).toEqual(data);
    expect(await readAll(await storage.stream(key))).toEqual(data);
    expect(await storage.size(key)).toBe(1000);
  });

  it("streams a large file in and out intact (multipart on object storage)", async () => {
    const storage = make();
    const data = randomBytes(12 * 1024 * 1024 + 17);
    const chunks = [0, 3, 6, 9, 12].map((mb) =>
      data.subarray(mb * 1024 * 1024, (mb + 3) * 1024 * 1024),
    );
    chunks.push(data.subarray(15 * 1024 * 1024));
    await storage.put(key, Readable.from(chunks));

    expect(await storage.size(key)).toBe(data.length);
    expect(sha(await readAll(await storage.stream(key)))).toBe(sha(data));
  });

  it("shows no blob while a write is under way, then the whole one", async () => {
    const storage = make();
    const incoming = new PassThrough();
    const writing = storage.put(key, incoming);
    incoming.write(Buffer.alloc(4096, 1));
    await new Promise((resolve) => setImmediate(resolve));

    expect(await storage.has(key)).toBe(false);
    await expect(storage.get(key)).rejects.toThrow(missing);

    incoming.end(Buffer.alloc(4096, 2));
    await writing;
    const stored = await storage.get(key);
    expect(stored.length).toBe(8192);
    expect(stored.subarray(4096)).toEqual(Buffer.alloc(4096, 2));
  });

  it("leaves no blob when the incoming stream fails midway", async () => {
    const storage = make();
    await expect(
      storage.put(key, failingAfter(Buffer.alloc(1024, 1))),
    ).rejects.toThrow("connection reset");
    expect(await storage.has(key)).toBe(false);

    // Past one multipart part on object storage: the parts already sent are abandoned, not joined.
    await expect(
      storage.put(key, failingAfter(Buffer.alloc(9 * 1024 * 1024, 1))),
    ).rejects.toThrow("connection reset");
    expect(await storage.has(key)).toBe(false);
  });

  it("is idempotent for the same bytes, also when two writers race", async () => {
    const storage = make();
    const data = randomBytes(64 * 1024);
    await storage.put(key, data);
    await Promise.all([
      storage.put(key, Buffer.from(data)),
      storage.put(
        key,
        Readable.from([data.subarray(0, 10), data.subarray(10)]),
      ),
    ]);
    expect(await storage.get(key)).toEqual(data);
  });

  it("deletes a blob, and deleting a missing one is not an error", async () => {
    const storage = make();
    await storage.put(key, Buffer.from("x"));
    await storage.delete(key);
    expect(await storage.has(key)).toBe(false);
    await expect(storage.delete(key)).resolves.toBeUndefined();
  });

  it("answers NotFound for a missing key on every read", async () => {
    const storage = make();
    const absent = masterKey(shop, "cd".repeat(32));
    expect(await storage.has(absent)).toBe(false);
    await expect(storage.get(absent)).rejects.toThrow(missing);
    await expect(storage.stream(absent)).rejects.toThrow(missing);
    await expect(storage.size(absent)).rejects.toThrow(missing);
  });

  it("erases a shop's folder and nothing of a shop whose name merely starts the same", async () => {
    const storage = make();
    const mine = [
      masterKey(shop, "ab".repeat(32)),
      masterKey(shop, "cd".repeat(32)),
      renditionKey(shop, "ab".repeat(32), "thumb", "webp"),
    ];
    const neighbour = masterKey("a.myshopify.com-2", "ef".repeat(32));
    const other = renditionKey(
      "b.myshopify.com",
      "ab".repeat(32),
      "thumb",
      "webp",
    );
    for (const k of [...mine, neighbour, other])
      await storage.put(k, Buffer.from(k));

    await storage.deletePrefix(`masters/${shop}`);
    await storage.deletePrefix(`renditions/${shop}`);
    await storage.deletePrefix(`uploads/${shop}`); // nothing there: not an error

    for (const k of mine) expect(await storage.has(k)).toBe(false);
    expect(await storage.get(neighbour)).toEqual(Buffer.from(neighbour));
    expect(await storage.get(other)).toEqual(Buffer.from(other));
  });

  it("refuses keys that climb out of their folder", async () => {
    const storage = make();
    for (const bad of [
      "../etc/passwd",
      "masters/../../x",
      "/abs",
      "masters//x",
    ]) {
      await expect(storage.put(bad, Buffer.from("x"))).rejects.toThrow(
        expect.objectContaining({ name: "Invalid" }),
      );
      await expect(storage.get(bad)).rejects.toThrow(
        expect.objectContaining({ name: "Invalid" }),
      );
    }
  });

  it("answers the readiness check", async () => {
    await expect(make().check()).resolves.toBeUndefined();
  });
});

describe("local folder storage", () => {
  it("leaves no temp file behind a failed write", async () => {
    const storage = local();
    await expect(
      storage.put(key, failingAfter(Buffer.alloc(1024, 1))),
    ).rejects.toThrow("connection reset");
    expect(readdirSync(path.join(storage.root, path.dirname(key)))).toEqual([]);
  });
});
