// Files under a root folder (the embedded default). Writes go to a temp file in the same folder, are flushed,
// then renamed into place, so a reader sees a whole blob or none.
import { randomBytes } from "node:crypto";
import { constants, createReadStream, createWriteStream } from "node:fs";
import {
  access,
  mkdir,
  open,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { NotFound } from "~/lib/errors";
import { checkKey } from "./keys";
import type { StorageProvider } from "./provider";

export class LocalStorage implements StorageProvider {
  readonly kind = "local";

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
    await this.size(key);
    return createReadStream(file);
  }

  async has(key: string): Promise<boolean> {
    try {
      return (await stat(this.file(key))).isFile();
    } catch {
      return false;
    }
  }

  async size(key: string): Promise<number> {
    try {
      const info = await stat(this.file(key));
      if (!info.isFile()) throw new NotFound(`no blob ${key}`);
      return info.size;
    } catch (error) {
      throw missing(key, error);
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

  async check(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await access(this.root, constants.R_OK | constants.W_OK);
  }
}

function missing(key: string, error: unknown): Error {
  if (error instanceof NotFound) return error;
  if ((error as NodeJS.ErrnoException).code === "ENOENT")
    return new NotFound(`no blob ${key}`);
  return error as Error;
}
