// Object storage whose AWS SDK is loaded on first use. Importing the SDK (client, multipart upload, presigner)
// costs about 0.3 s of CPU, and every module that reads or writes blobs imports the storage: a process on the
// local folder (the embedded default, and each integration test file) should not pay it. This wrapper is what
// STORAGE_URL=s3://… builds; it hands each call to an S3Storage made on the first one.
import type { Readable } from "node:stream";
import type { DirectAccess, StorageProvider } from "./provider";
import type { S3Storage } from "./s3.server";
import { publicObjectUrl, type S3StorageOptions } from "./s3-options";

export class LazyS3Storage implements StorageProvider {
  readonly kind = "s3";
  readonly direct: DirectAccess;
  private loaded: Promise<S3Storage> | undefined;

  constructor(readonly options: S3StorageOptions) {
    const direct = async () => (await this.load()).direct;
    this.direct = {
      presignPut: async (key, bytes) => (await direct()).presignPut(key, bytes),
      startMultipart: async (key) => (await direct()).startMultipart(key),
      presignPart: async (key, uploadId, partNumber, bytes) =>
        (await direct()).presignPart(key, uploadId, partNumber, bytes),
      completeMultipart: async (key, uploadId, parts) =>
        (await direct()).completeMultipart(key, uploadId, parts),
      abortMultipart: async (key, uploadId) =>
        (await direct()).abortMultipart(key, uploadId),
      presignGet: async (key, options) =>
        (await direct()).presignGet(key, options),
      // No request to sign: no SDK needed.
      publicUrl: (key) => publicObjectUrl(options, key),
    };
  }

  /** The S3Storage every call goes to (the SDK is imported by the first call). */
  load(): Promise<S3Storage> {
    this.loaded ??= import("./s3.server").then(
      ({ S3Storage }) => new S3Storage(this.options),
    );
    return this.loaded;
  }

  async put(key: string, data: Buffer | Readable): Promise<void> {
    return (await this.load()).put(key, data);
  }

  async get(key: string): Promise<Buffer> {
    return (await this.load()).get(key);
  }

  async stream(key: string): Promise<Readable> {
    return (await this.load()).stream(key);
  }

  async has(key: string): Promise<boolean> {
    return (await this.load()).has(key);
  }

  async size(key: string): Promise<number> {
    return (await this.load()).size(key);
  }

  async delete(key: string): Promise<void> {
    return (await this.load()).delete(key);
  }

  async deletePrefix(prefix: string): Promise<void> {
    return (await this.load()).deletePrefix(prefix);
  }

  async check(): Promise<void> {
    return (await this.load()).check();
  }

  async prepare(): Promise<void> {
    await this.load();
  }
}
