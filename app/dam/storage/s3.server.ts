// S3-compatible object storage (AWS S3, Cloudflare R2, Google Cloud Storage's XML API, MinIO) with the official
// AWS SDK v3. Credentials come from the SDK's standard chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile,
// web identity, or the instance role); nothing here reads them itself.
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { Readable } from "node:stream";
import { Invalid, NotFound } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import { checkKey } from "./keys";
import type {
  DirectAccess,
  DownloadOptions,
  PresignedRequest,
  StorageProvider,
  UploadedPart,
} from "./provider";

export interface S3StorageOptions {
  bucket: string;
  /** Folder inside the bucket ("" for the bucket root); every key lives under it. */
  prefix: string;
  /** Custom endpoint (R2, GCS, MinIO); AWS when absent. */
  endpoint?: string;
  region: string;
  /** `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key` (MinIO and most self-hosted servers). */
  forcePathStyle: boolean;
  /** Base URL of a CDN serving the objects under `prefix` (public renditions only). */
  cdnUrl?: string;
  /** Lifetime of presigned download URLs. */
  downloadTtlSeconds: number;
  /** Lifetime of presigned upload URLs. */
  uploadTtlSeconds: number;
}

/** `s3://bucket/optional/prefix` → bucket and prefix. Throws Invalid for anything else. */
export function parseStorageUrl(url: string): {
  bucket: string;
  prefix: string;
} {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(\/.*)?$/.exec(url);
  if (!match)
    throw new Invalid(
      `STORAGE_URL must look like s3://bucket or s3://bucket/prefix, not ${url}`,
    );
  const prefix = (match[2] ?? "").replace(/^\/+|\/+$/g, "");
  if (prefix) checkKey(prefix);
  return { bucket: match[1]!, prefix };
}

// Multipart parts of 8 MiB, 4 in flight: ~32 MiB of buffers per upload at most (S3's minimum part is 5 MiB).
const PART_BYTES = 8 * 1024 * 1024;
const DELETE_BATCH = 1000;

function isMissing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    e.name === "NoSuchKey" ||
    e.name === "NotFound" ||
    e.$metadata?.httpStatusCode === 404
  );
}

/** RFC 5987 value for `filename*=`: encodeURIComponent leaves ' ( ) * unescaped, which that grammar forbids. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function notImplemented(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === "NotImplemented" || e.$metadata?.httpStatusCode === 501;
}

export class S3Storage implements StorageProvider, DirectAccess {
  readonly kind = "s3";
  readonly client: S3Client;
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
  }

  get direct(): DirectAccess {
    return this;
  }

  private objectKey(key: string): string {
    checkKey(key);
    return this.options.prefix ? `${this.options.prefix}/${key}` : key;
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
        await this.abortMultipart(key, upload.uploadId).catch(
          (abortError: unknown) =>
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

  // Direct access ------------------------------------------------------------------------------------------

  private expiry(seconds: number): Date {
    return new Date(Date.now() + seconds * 1000);
  }

  async presignPut(key: string, bytes: number): Promise<PresignedRequest> {
    const seconds = this.options.uploadTtlSeconds;
    // Content-Length is a signed header: S3 refuses a body of any other size.
    const url = await getSignedUrl(
      this.client,
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
        ContentLength: bytes,
      }),
      { expiresIn: seconds },
    );
    return { method: "PUT", url, expiresAt: this.expiry(seconds) };
  }

  async startMultipart(key: string): Promise<string> {
    const { UploadId } = await this.client.send(
      new CreateMultipartUploadCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
      }),
    );
    if (!UploadId) throw new Error("object storage returned no upload id");
    return UploadId;
  }

  async presignPart(
    key: string,
    uploadId: string,
    partNumber: number,
    bytes: number,
  ): Promise<PresignedRequest> {
    const seconds = this.options.uploadTtlSeconds;
    const url = await getSignedUrl(
      this.client,
      new UploadPartCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
        UploadId: uploadId,
        PartNumber: partNumber,
        ContentLength: bytes,
      }),
      { expiresIn: seconds },
    );
    return { method: "PUT", url, expiresAt: this.expiry(seconds) };
  }

  async completeMultipart(
    key: string,
    uploadId: string,
    parts: UploadedPart[],
  ): Promise<void> {
    await this.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
        UploadId: uploadId,
        MultipartUpload: {
          Parts: [...parts]
            .sort((a, b) => a.partNumber - b.partNumber)
            .map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })),
        },
      }),
    );
  }

  async abortMultipart(key: string, uploadId: string): Promise<void> {
    try {
      await this.client.send(
        new AbortMultipartUploadCommand({
          Bucket: this.bucket,
          Key: this.objectKey(key),
          UploadId: uploadId,
        }),
      );
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  async presignGet(
    key: string,
    options: DownloadOptions = {},
  ): Promise<string> {
    return getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
        ResponseContentType: options.contentType,
        ResponseContentDisposition: options.download
          ? `attachment; filename*=UTF-8''${rfc5987(options.download)}`
          : undefined,
      }),
      { expiresIn: this.options.downloadTtlSeconds },
    );
  }

  publicUrl(key: string): string | null {
    if (!this.options.cdnUrl) return null;
    return `${this.options.cdnUrl.replace(/\/+$/, "")}/${checkKey(key)}`;
  }
}
