// The process's blob storage, chosen by the environment: S3-compatible object storage when STORAGE_URL is an
// s3:// URL (several machines), else the local folder STORAGE_DIR (one machine, the embedded default).
// Implementations live in ./storage/; this module is what the rest of the app imports. It does not import the AWS
// SDK: object storage loads it on first use (LazyS3Storage).
import path from "node:path";
import { env } from "~/env.server";
import { LocalStorage } from "./storage/local.server";
import type { StorageProvider } from "./storage/provider";
import { LazyS3Storage } from "./storage/s3-lazy.server";
import { parseStorageUrl } from "./storage/s3-options";

export {
  checkKey,
  masterKey,
  shopFolders,
  stagedUploadKey,
} from "./storage/keys";
export { renditionStoragePath } from "./rendition-keys";
export { LocalStorage } from "./storage/local.server";
export { MemoryStorage } from "./storage/memory.server";
export { LazyS3Storage } from "./storage/s3-lazy.server";
export type { S3Storage } from "./storage/s3.server";
export { parseStorageUrl } from "./storage/s3-options";
export type {
  DirectAccess,
  DownloadOptions,
  PresignedRequest,
  StorageProvider,
  UploadedPart,
} from "./storage/provider";

/** The storage the environment describes (a new instance on every call). */
export function storageFromEnv(config = env()): StorageProvider {
  if (!config.STORAGE_URL)
    return new LocalStorage(path.resolve(config.STORAGE_DIR));
  return new LazyS3Storage({
    ...parseStorageUrl(config.STORAGE_URL),
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION ?? process.env.AWS_REGION ?? "us-east-1",
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    cdnUrl: config.STORAGE_CDN_URL,
    downloadTtlSeconds: config.STORAGE_URL_TTL_SECONDS,
    uploadTtlSeconds: 3600,
  });
}

let current: StorageProvider | undefined;

/** The process's storage: built from the environment on first use unless a test set another. */
export function getStorage(): StorageProvider {
  current ??= storageFromEnv();
  return current;
}

/** Replaces the process's storage (tests). */
export function setStorage(provider: StorageProvider | undefined): void {
  current = provider;
}
