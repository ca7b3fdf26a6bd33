import { describe, expect, it } from "vitest";
import {
  LocalStorage,
  parseStorageUrl,
  S3Storage,
  storageFromEnv,
} from "~/dam/storage.server";
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
    expect(s3).toBeInstanceOf(S3Storage);
    expect((s3 as S3Storage).options).toMatchObject({
      bucket: "vitrine-assets",
      prefix: "prod",
      endpoint: "https://account.r2.cloudflarestorage.com",
      region: "auto",
      forcePathStyle: false,
      downloadTtlSeconds: 900,
    });
    expect(s3.direct?.publicUrl("renditions/a/b.jpg")).toBe(
      "https://cdn.example.com/prod/renditions/a/b.jpg",
    );
  });
});
