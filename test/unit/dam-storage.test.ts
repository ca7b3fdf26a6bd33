import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import {
  LocalStorage,
  MemoryStorage,
  masterKey,
  type StorageProvider,
} from "~/dam/storage.server";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0))
    rmSync(dir, { recursive: true, force: true });
});

function local(): LocalStorage {
  const dir = mkdtempSync(path.join(tmpdir(), "vitrine-storage-"));
  dirs.push(dir);
  return new LocalStorage(dir);
}

const key = masterKey("a.myshopify.com", "ab".repeat(32));

describe.each([
  ["local folder", local],
  ["memory", () => new MemoryStorage()],
] as [string, () => StorageProvider][])("%s storage", (_name, make) => {
  it("stores buffers and streams, reads them back whole or streamed, and deletes", async () => {
    const storage = make();
    await storage.put(key, Buffer.from("master bytes"));
    expect(await storage.has(key)).toBe(true);
    expect((await storage.get(key)).toString()).toBe("master bytes");

    await storage.put(
      key,
      Readable.from([Buffer.from("new "), Buffer.from("bytes")]),
    );
    const chunks: Buffer[] = [];
    for await (const chunk of await storage.stream(key))
      chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe("new bytes");

    await storage.delete(key);
    expect(await storage.has(key)).toBe(false);
    await expect(storage.get(key)).rejects.toThrow(
      expect.objectContaining({ name: "NotFound" }),
    );
    await expect(storage.delete(key)).resolves.toBeUndefined();
  });

  it("removes everything under a prefix and nothing else", async () => {
    const storage = make();
    const other = masterKey("b.myshopify.com", "cd".repeat(32));
    await storage.put(key, Buffer.from("a"));
    await storage.put(other, Buffer.from("b"));
    await storage.deletePrefix("masters/a.myshopify.com");
    expect(await storage.has(key)).toBe(false);
    expect(await storage.has(other)).toBe(true);
  });

  it("refuses keys that climb out of the root", async () => {
    const storage = make();
    for (const bad of [
      "../etc/passwd",
      "masters/../../x",
      "/abs",
      "masters//x",
    ])
      await expect(storage.put(bad, Buffer.from("x"))).rejects.toThrow(
        expect.objectContaining({ name: "Invalid" }),
      );
  });
});

describe("local folder storage", () => {
  it("leaves neither the blob nor a temp file when the incoming stream fails midway", async () => {
    const storage = local();
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1024, 1));
        this.destroy(new Error("connection reset"));
      },
    });

    await expect(storage.put(key, failing)).rejects.toThrow("connection reset");

    expect(await storage.has(key)).toBe(false);
    const folder = path.join(storage.root, path.dirname(key));
    expect(readdirSync(folder)).toEqual([]);
  });
});
