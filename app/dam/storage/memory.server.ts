// Blobs in a Map: for tests, and to prove the interface does not leak file-system assumptions.
import { Readable } from "node:stream";
import { NotFound } from "~/lib/errors";
import { checkKey } from "./keys";
import type { StorageProvider } from "./provider";

export class MemoryStorage implements StorageProvider {
  readonly kind = "memory";
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

  async size(key: string): Promise<number> {
    return (await this.get(key)).length;
  }

  async delete(key: string): Promise<void> {
    this.blobs.delete(checkKey(key));
  }

  async deletePrefix(prefix: string): Promise<void> {
    checkKey(prefix);
    for (const key of [...this.blobs.keys()])
      if (key === prefix || key.startsWith(`${prefix}/`))
        this.blobs.delete(key);
  }

  async check(): Promise<void> {}
}
