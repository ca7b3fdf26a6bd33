// How an S3-compatible bucket is addressed: the options, the `s3://bucket/prefix` URL they come from, where a
// storage key lives in the bucket, and which SDK errors mean "no such object".
import { Invalid } from "~/lib/errors";
import { checkKey } from "./keys";

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

/** The object key of a storage key: under the prefix. Throws Invalid for a key that could escape it. */
export function objectKey(options: S3StorageOptions, key: string): string {
  checkKey(key);
  return options.prefix ? `${options.prefix}/${key}` : key;
}

/** The CDN URL of `key` when the options have a CDN base URL; null otherwise. Throws Invalid for a bad key. */
export function publicObjectUrl(
  options: S3StorageOptions,
  key: string,
): string | null {
  if (!options.cdnUrl) return null;
  return `${options.cdnUrl.replace(/\/+$/, "")}/${checkKey(key)}`;
}

export function isMissing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    e.name === "NoSuchKey" ||
    e.name === "NotFound" ||
    e.$metadata?.httpStatusCode === 404
  );
}
