// Direct access to S3-compatible storage: presigned PUTs (whole files and multipart parts) so browsers upload
// without passing through the app, and presigned or CDN URLs to read. Each URL is valid for the configured TTL.
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type {
  DirectAccess,
  DownloadOptions,
  PresignedRequest,
  UploadedPart,
} from "./provider";
import {
  isMissing,
  objectKey,
  publicObjectUrl,
  type S3StorageOptions,
} from "./s3-options";

/** RFC 5987 value for `filename*=`: encodeURIComponent leaves ' ( ) * unescaped, which that grammar forbids. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export class S3DirectAccess implements DirectAccess {
  constructor(
    private readonly client: S3Client,
    private readonly options: S3StorageOptions,
  ) {}

  private expiry(seconds: number): Date {
    return new Date(Date.now() + seconds * 1000);
  }

  async presignPut(key: string, bytes: number): Promise<PresignedRequest> {
    const seconds = this.options.uploadTtlSeconds;
    // Content-Length is a signed header: S3 refuses a body of any other size.
    const url = await getSignedUrl(
      this.client,
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: objectKey(this.options, key),
        ContentLength: bytes,
      }),
      { expiresIn: seconds },
    );
    return { method: "PUT", url, expiresAt: this.expiry(seconds) };
  }

  async startMultipart(key: string): Promise<string> {
    const { UploadId } = await this.client.send(
      new CreateMultipartUploadCommand({
        Bucket: this.options.bucket,
        Key: objectKey(this.options, key),
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
        Bucket: this.options.bucket,
        Key: objectKey(this.options, key),
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
        Bucket: this.options.bucket,
        Key: objectKey(this.options, key),
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
          Bucket: this.options.bucket,
          Key: objectKey(this.options, key),
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
        Bucket: this.options.bucket,
        Key: objectKey(this.options, key),
        ResponseContentType: options.contentType,
        ResponseContentDisposition: options.download
          ? `attachment; filename*=UTF-8''${rfc5987(options.download)}`
          : undefined,
      }),
      { expiresIn: this.options.downloadTtlSeconds },
    );
  }

  publicUrl(key: string): string | null {
    return publicObjectUrl(this.options, key);
  }
}
