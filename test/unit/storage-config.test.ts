import { describe, expect, it } from "vitest";
import {
  LazyS3Storage,
  LocalStorage,
  parseStorageUrl,
  storageFromEnv,
} from "~/dam/storage.server";
import { S3Storage } from "~/dam/storage/s3.server";
import type { Env } from "~/env.server";

const base = {
  STORAGE_DIR: "./data/storage",
  S3_FORCE_PATH_STYLE: false,
  STORAGE_URL_TTL_SECONDS: 900,
} as Env;

describe("storage configuration", () => {
  it("reads the bucket and the folder from STORAGE_URL", () => {
    expect(parseStorageUrl("s3://vitrine-assets")).toEqual({
      bucket: "vitrine-assets",
      prefix: "",
    });
    expect(parseStorageUrl("s3://vitrine-assets/prod/eu/")).toEqual({
      bucket: "vitrine-assets",
      prefix: "prod/eu",
    });
  });

  it("refuses what is not an s3:// URL or climbs out of the bucket", () => {
    for (const bad of [
      "https://bucket/x",
      "s3://UPPER/x",
      "s3://b",
      "s3://bucket/../x",
    ])
      expect(() => parseStorageUrl(bad)).toThrow();
  });

  it("uses the local folder by default and object storage when STORAGE_URL is set", () => {
    expect(storageFromEnv(base)).toBeInstanceOf(LocalStorage);
    const s3 = storageFromEnv({
      ...base,
      STORAGE_URL: "s3://vitrine-assets/prod",
      S3_ENDPOINT: "https://account.r2.cloudflarestorage.com",
      S3_REGION: "auto",
      STORAGE_CDN_URL: "https://cdn.example.com/prod",
    });
    expect(s3).toBeInstanceOf(LazyS3Storage);
    const options = {
      bucket: "vitrine-assets",
      prefix: "prod",
      endpoint: "https://account.r2.cloudflarestorage.com",
      region: "auto",
      forcePathStyle: false,
      downloadTtlSeconds: 900,
    };
    expect((s3 as LazyS3Storage).options).toMatchObject(options);
    expect(s3.direct?.publicUrl("renditions/a/b.jpg")).toBe(
      "https://cdn.example.com/prod/renditions/a/b.jpg",
    );
  });

  it("hands object storage calls to one S3Storage with the same options, made on first use", async () => {
    const s3 = storageFromEnv({
      ...base,
      STORAGE_URL: "s3://vitrine-assets/prod",
      S3_REGION: "auto",
    }) as LazyS3Storage;

    const loaded = await s3.load();

    expect(loaded).toBeInstanceOf(S3Storage);
    expect(loaded.options).toEqual(s3.options);
    expect(await s3.load()).toBe(loaded);
  });
});
