// S3-compatible object storage (AWS S3, Cloudflare R2, Google Cloud Storage's XML API, MinIO) with the official
// AWS SDK v3. Credentials come from the SDK's standard chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile,
// web identity, or the instance role); nothing here reads them itself. This module reads and writes objects; the
// presigned requests browsers use are s3-direct.server.ts, the options and key layout s3-options.ts.
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { Readable } from "node:stream";
import { NotFound } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import type { StorageProvider } from "./provider";
import { S3DirectAccess } from "./s3-direct.server";
import { isMissing, objectKey, type S3StorageOptions } from "./s3-options";

// Multipart parts of 8 MiB, 4 in flight: ~32 MiB of buffers per upload at most (S3's minimum part is 5 MiB).
const PART_BYTES = 8 * 1024 * 1024;
const DELETE_BATCH = 1000;

function notImplemented(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === "NotImplemented" || e.$metadata?.httpStatusCode === 501;
}

export class S3Storage implements StorageProvider {
  readonly kind = "s3";
  readonly client: S3Client;
  /** Presigned requests for browsers, and the multipart uploads they fill. */
  readonly direct: S3DirectAccess;
  // GCS's XML API has no multi-object delete: after its first refusal, keys are deleted one by one.
  private batchDeletes = true;

  constructor(readonly options: S3StorageOptions) {
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      // The SDK's default CRC32 checksums (aws-chunked bodies, checksum query parameters on presigned URLs) are
      // not understood by every S3-compatible service (R2, GCS, older MinIO); send them only where S3 needs them.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
    this.direct = new S3DirectAccess(this.client, options);
  }

  private objectKey(key: string): string {
    return objectKey(this.options, key);
  }

  private get bucket(): string {
    return this.options.bucket;
  }

  async put(key: string, data: Buffer | Readable): Promise<void> {
    const Key = this.objectKey(key);
    if (Buffer.isBuffer(data)) {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key,
          Body: data,
          ContentLength: data.length,
        }),
      );
      return;
    }
    // One PUT for small streams, a multipart upload otherwise; either way the object appears only when complete.
    // A failed multipart upload is aborted here rather than by the library, so that an abort that fails too
    // cannot hide why the upload failed (the bucket's lifecycle rule removes what an abort leaves behind).
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key, Body: data },
      partSize: PART_BYTES,
      queueSize: 4,
      leavePartsOnError: true,
    });
    try {
      await upload.done();
    } catch (error) {
      if (upload.uploadId)
        await this.direct
          .abortMultipart(key, upload.uploadId)
          .catch((abortError: unknown) =>
            logger.warn(
              { err: abortError, key },
              "could not abort a failed multipart upload",
            ),
          );
      throw error;
    }
  }

  async get(key: string): Promise<Buffer> {
    const body = await this.getBody(key);
    return Buffer.from(await body.transformToByteArray());
  }

  async stream(key: string): Promise<Readable> {
    return (await this.getBody(key)) as unknown as Readable;
  }

  private async getBody(key: string) {
    try {
      const { Body } = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }),
      );
      if (!Body) throw new NotFound(`no blob ${key}`);
      return Body;
    } catch (error) {
      if (isMissing(error)) throw new NotFound(`no blob ${key}`);
      throw error;
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      await this.size(key);
      return true;
    } catch (error) {
      if (error instanceof NotFound) return false;
      throw error;
    }
  }

  async size(key: string): Promise<number> {
    try {
      const head = await this.client.send(
        new HeadObjectCommand({
          Bucket: this.bucket,
          Key: this.objectKey(key),
        }),
      );
      return head.ContentLength ?? 0;
    } catch (error) {
      if (isMissing(error)) throw new NotFound(`no blob ${key}`);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(
      new DeleteObjectCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
      }),
    );
  }

  async deletePrefix(prefix: string): Promise<void> {
    await this.delete(prefix);
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: `${this.objectKey(prefix)}/`,
          ContinuationToken: token,
        }),
      );
      const keys = (page.Contents ?? []).flatMap((c) => (c.Key ? [c.Key] : []));
      for (let i = 0; i < keys.length; i += DELETE_BATCH)
        await this.deleteObjects(keys.slice(i, i + DELETE_BATCH));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  private async deleteObjects(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    if (this.batchDeletes) {
      try {
        const result = await this.client.send(
          new DeleteObjectsCommand({
            Bucket: this.bucket,
            Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true },
          }),
        );
        const failed = result.Errors ?? [];
        if (failed.length)
          throw new Error(
            `object storage refused to delete ${failed.length} keys (first: ${failed[0]!.Key} ${failed[0]!.Code})`,
          );
        return;
      } catch (error) {
        if (!notImplemented(error)) throw error;
        this.batchDeletes = false;
      }
    }
    for (let i = 0; i < keys.length; i += 16)
      await Promise.all(
        keys
          .slice(i, i + 16)
          .map((Key) =>
            this.client.send(
              new DeleteObjectCommand({ Bucket: this.bucket, Key }),
            ),
          ),
      );
  }

  async check(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }
}
