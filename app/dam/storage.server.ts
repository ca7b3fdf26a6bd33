// Blob storage for asset masters and renditions, behind one interface so an S3-compatible provider can join the
// local folder (default) and the in-memory one (tests). Keys are content-addressed: the same bytes are stored once.
import { createReadStream, createWriteStream } from "node:fs";
import {
  mkdir,
  open,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { randomBytes } from "node:crypto";
import { env } from "~/env.server";
import { Invalid, NotFound } from "~/lib/errors";

export interface StorageProvider {
  /** Stores `data` under `key`; atomic: readers see the whole blob or none. Idempotent for the same bytes. */
  put(key: string, data: Buffer | Readable): Promise<void>;
  /** The whole blob. Throws NotFound. */
  get(key: string): Promise<Buffer>;
  /** The blob as a stream (for downloads). Throws NotFound. */
  stream(key: string): Promise<Readable>;
  has(key: string): Promise<boolean>;
  /** Removes the blob; a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Removes every blob whose key starts with `prefix` (shop erase). */
  deletePrefix(prefix: string): Promise<void>;
}

const keyPattern = /^[a-z0-9][a-z0-9._/-]*$/i;

function checkKey(key: string): string {
  if (
    !keyPattern.test(key) ||
    key.split("/").some((part) => part === ".." || part === "")
  )
    throw new Invalid(`bad storage key: ${key}`);
  return key;
}

/** Key of an asset master: per shop, by SHA-256 (so erasing a shop never touches another shop's files). */
export function masterKey(shop: string, sha256: string): string {
  return checkKey(`masters/${shop}/${sha256.slice(0, 2)}/${sha256}`);
}

/** Key of a rendition of a master, by the master's hash and the rendition profile name. */
export function renditionKey(
  shop: string,
  sha256: string,
  profile: string,
  extension: string,
): string {
  return checkKey(
    `renditions/${shop}/${sha256.slice(0, 2)}/${sha256}/${profile}.${extension}`,
  );
}

/** Files under a root folder; writes go to a temp file in the same folder, fsync, then rename. */
export class LocalStorage implements StorageProvider {
  constructor(readonly root: string) {}

  private file(key: string): string {
    return path.join(this.root, checkKey(key));
  }

  async put(key: string, data: Buffer | Readable): Promise<void> {
    const target = this.file(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.tmp-${randomBytes(6).toString("hex")}`;
    try {
      if (Buffer.isBuffer(data)) await writeFile(temp, data, { flag: "wx" });
      else await pipeline(data, createWriteStream(temp, { flags: "wx" }));
      // Flush to disk before the rename makes the blob visible: a crash must not leave a short file behind it.
      const handle = await open(temp, "r+");
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.file(key));
    } catch (error) {
      throw missing(key, error);
    }
  }

  async stream(key: string): Promise<Readable> {
    const file = this.file(key);
    try {
      await stat(file);
    } catch (error) {
      throw missing(key, error);
    }
    return createReadStream(file);
  }

  async has(key: string): Promise<boolean> {
    try {
      return (await stat(this.file(key))).isFile();
    } catch {
      return false;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }

  async deletePrefix(prefix: string): Promise<void> {
    await rm(path.join(this.root, checkKey(prefix)), {
      recursive: true,
      force: true,
    });
  }
}

function missing(key: string, error: unknown): Error {
  if ((error as NodeJS.ErrnoException).code === "ENOENT")
    return new NotFound(`no blob ${key}`);
  return error as Error;
}

/** Keeps blobs in a Map: for tests, and to prove the interface does not leak file-system assumptions. */
export class MemoryStorage implements StorageProvider {
  readonly blobs = new Map<string, Buffer>();

  async put(key: string, data: Buffer | Readable): Promise<void> {
    checkKey(key);
    if (Buffer.isBuffer(data)) {
      this.blobs.set(key, Buffer.from(data));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of data)
      chunks.push(Buffer.from(chunk as Uint8Array));
    this.blobs.set(key, Buffer.concat(chunks));
  }

  async get(key: string): Promise<Buffer> {
    const blob = this.blobs.get(checkKey(key));
    if (!blob) throw new NotFound(`no blob ${key}`);
    return blob;
  }

  async stream(key: string): Promise<Readable> {
    return Readable.from([await this.get(key)]);
  }

  async has(key: string): Promise<boolean> {
    return this.blobs.has(checkKey(key));
  }

  async delete(key: string): Promise<void> {
    this.blobs.delete(checkKey(key));
  }

  async deletePrefix(prefix: string): Promise<void> {
    checkKey(prefix);
    for (const key of [...this.blobs.keys()])
      if (key.startsWith(prefix)) this.blobs.delete(key);
  }
}

let current: StorageProvider | undefined;

/** The process's storage: the local folder at STORAGE_DIR unless a test set another. */
export function getStorage(): StorageProvider {
  current ??= new LocalStorage(path.resolve(env().STORAGE_DIR));
  return current;
}

/** Replaces the process's storage (tests). */
export function setStorage(provider: StorageProvider | undefined): void {
  current = provider;
}
