// S3 storage for integration tests: the run's local S3-protocol server (started by global-setup), under a folder
// of its own per call so parallel test files never see each other's objects.
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { S3Storage } from "~/dam/storage/s3.server";
import type { S3StorageOptions } from "~/dam/storage/s3-options";
import { LOCAL_S3_CREDENTIALS } from "../../scripts/s3-local";

// The SDK reads credentials from the standard variables, as in production.
process.env.AWS_ACCESS_KEY_ID ??= LOCAL_S3_CREDENTIALS.accessKeyId;
process.env.AWS_SECRET_ACCESS_KEY ??= LOCAL_S3_CREDENTIALS.secretAccessKey;

export function s3Options(
  overrides: Partial<S3StorageOptions> = {},
): S3StorageOptions {
  return {
    bucket: inject("s3Bucket"),
    prefix: `t-${randomBytes(6).toString("hex")}`,
    endpoint: inject("s3Endpoint"),
    region: "us-east-1",
    forcePathStyle: true,
    downloadTtlSeconds: 300,
    uploadTtlSeconds: 300,
    ...overrides,
  };
}

/** An S3Storage on the local server, in a fresh folder of the test bucket. */
export function testS3Storage(
  overrides: Partial<S3StorageOptions> = {},
): S3Storage {
  return new S3Storage(s3Options(overrides));
}
