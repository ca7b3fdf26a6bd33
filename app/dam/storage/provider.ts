// What the DAM needs from blob storage. Local folder (embedded default), memory (tests) and S3-compatible
// object storage implement it; test/integration/storage-contract.test.ts runs the same contract on each.
import type { Readable } from "node:stream";

export interface StorageProvider {
  /** "local" | "memory" | "s3": for logs and readiness answers, never for branching on behaviour. */
  readonly kind: string;
  /** Stores `data` under `key`; atomic: readers see the whole blob or none. Idempotent for the same bytes. */
  put(key: string, data: Buffer | Readable): Promise<void>;
  /** The whole blob. Throws NotFound. */
  get(key: string): Promise<Buffer>;
  /** The blob as a stream (for downloads and hashing). Throws NotFound. */
  stream(key: string): Promise<Readable>;
  has(key: string): Promise<boolean>;
  /** The blob's size in bytes. Throws NotFound. */
  size(key: string): Promise<number>;
  /** Removes the blob; a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Removes the folder `prefix`: the key itself and every key under `prefix/` (shop erase). */
  deletePrefix(prefix: string): Promise<void>;
  /** Throws when the storage cannot be reached or written (readiness). */
  check(): Promise<void>;
  /**
   * Loads what the first call would load (object storage's SDK), so readiness times the storage's answer, not a
   * cold module import on a busy machine. Absent when there is nothing to load.
   */
  prepare?(): Promise<void>;
  /** Present when browsers can read and write the storage directly with presigned URLs (object storage). */
  readonly direct?: DirectAccess;
}

/** A request the browser makes itself: the URL carries a signature, so it needs no credentials of ours. */
export interface PresignedRequest {
  method: "PUT";
  url: string;
  expiresAt: Date;
}

export interface UploadedPart {
  partNumber: number;
  etag: string;
}

export interface DownloadOptions {
  /** Sent as an attachment under this name (instead of shown inline). */
  download?: string;
  contentType?: string;
}

/** Presigned URLs: large uploads go from the browser to the bucket and files are read from it, not through us. */
export interface DirectAccess {
  /** A PUT of exactly `bytes` bytes that creates `key`; any other size, key or expiry is refused. */
  presignPut(key: string, bytes: number): Promise<PresignedRequest>;
  /** Starts a multipart upload of `key`; returns its upload id. */
  startMultipart(key: string): Promise<string>;
  /** A PUT of part `partNumber` (1-based) of exactly `bytes` bytes. */
  presignPart(
    key: string,
    uploadId: string,
    partNumber: number,
    bytes: number,
  ): Promise<PresignedRequest>;
  /** Joins the parts into the object `key` (it appears whole, or not at all). */
  completeMultipart(
    key: string,
    uploadId: string,
    parts: UploadedPart[],
  ): Promise<void>;
  /** Drops an unfinished multipart upload and its parts; an unknown upload is not an error. */
  abortMultipart(key: string, uploadId: string): Promise<void>;
  /** A short-lived URL that reads `key`. */
  presignGet(key: string, options?: DownloadOptions): Promise<string>;
  /** The public (CDN) URL of `key`, when a CDN base URL is configured; null otherwise. */
  publicUrl(key: string): string | null;
}
