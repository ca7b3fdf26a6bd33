// Blob storage for asset versions and renditions: content-addressed keys, atomic writes (temp file + rename).
// Local folder (STORAGE_DIR) by default; an in-memory provider for tests.
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "~/env.server";
import { NotFound } from "~/lib/errors";

export interface StorageProvider {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  has(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
}

const SAFE_KEY = /^[a-z0-9][a-z0-9._/-]*$/;

function assertKey(key: string): void {
  if (!SAFE_KEY.test(key) || key.includes(".."))
    throw new Error(`invalid storage key "${key}"`);
}

export class LocalStorage implements StorageProvider {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    assertKey(key);
    return path.join(this.root, key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${randomUUID()}.tmp`;
    await writeFile(temp, data);
    await rename(temp, file);
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.file(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT")
        throw new NotFound(`blob ${key} does not exist`);
      throw error;
    }
  }

  async has(key: string): Promise<boolean> {
    return stat(this.file(key)).then(
      () => true,
      () => false,
    );
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }
}

export class MemoryStorage implements StorageProvider {
  private readonly blobs = new Map<string, Buffer>();

  put(key: string, data: Buffer): Promise<void> {
    assertKey(key);
    this.blobs.set(key, Buffer.from(data));
    return Promise.resolve();
  }

  get(key: string): Promise<Buffer> {
    const blob = this.blobs.get(key);
    return blob
      ? Promise.resolve(blob)
      : Promise.reject(new NotFound(`blob ${key} does not exist`));
  }

  has(key: string): Promise<boolean> {
    return Promise.resolve(this.blobs.has(key));
  }

  delete(key: string): Promise<void> {
    this.blobs.delete(key);
    return Promise.resolve();
  }
}

let storage: StorageProvider | undefined;

export function getStorage(): StorageProvider {
  storage ??= new LocalStorage(path.resolve(env().STORAGE_DIR));
  return storage;
}

/** The key a blob of this SHA-256 is stored under. */
export function blobKey(sha256: string): string {
  return `blobs/${sha256.slice(0, 2)}/${sha256}`;
}
