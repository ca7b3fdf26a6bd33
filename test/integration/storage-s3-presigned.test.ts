// Object storage's presigned access, against the run's local S3-protocol server: uploads of exactly the signed
// size, multipart uploads joined from their parts' ETags, short-lived downloads, CDN URLs and the readiness check.
import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { masterKey } from "~/dam/storage.server";
import { testS3Storage } from "../support/s3";

const shop = "a.myshopify.com";
const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");
const key = masterKey(shop, "ab".repeat(32));

describe("S3 storage: presigned access", () => {
  const put = (url: string, body: Buffer) =>
    fetch(url, { method: "PUT", body: new Uint8Array(body) });

  it("takes a presigned upload of exactly the signed size and refuses a tampered one", async () => {
    const storage = testS3Storage();
    const data = randomBytes(2048);
    const signed = await storage.direct.presignPut(key, data.length);

    const otherKey = masterKey(shop, "cd".repeat(32));
    const tampered = [
      signed.url.replace("/abab", "/cdcd"), // another key
      signed.url.replace(/X-Amz-Expires=\d+/, "X-Amz-Expires=604800"), // a longer life
      signed.url.replace(
        /X-Amz-Signature=(.)/,
        (_m, c: string) => `X-Amz-Signature=${c === "0" ? "1" : "0"}`,
      ),
    ];
    for (const url of tampered) {
      expect(url).not.toBe(signed.url);
      expect((await put(url, data)).status).toBe(403);
    }
    // The size is part of the signature: one byte more is refused.
    expect(
      (await put(signed.url, Buffer.concat([data, Buffer.from("x")]))).status,
    ).toBe(403);
    expect(await storage.has(key)).toBe(false);
    expect(await storage.has(otherKey)).toBe(false);

    expect((await put(signed.url, data)).status).toBe(200);
    expect(await storage.get(key)).toEqual(data);
  });

  it("joins a presigned multipart upload from the parts' ETags, and refuses a part sent to another number", async () => {
    const storage = testS3Storage();
    const data = randomBytes(5 * 1024 * 1024 + 100);
    const parts = [
      data.subarray(0, 5 * 1024 * 1024),
      data.subarray(5 * 1024 * 1024),
    ];
    const uploadId = await storage.direct.startMultipart(key);

    const first = await storage.direct.presignPart(
      key,
      uploadId,
      1,
      parts[0]!.length,
    );
    const moved = first.url.replace("partNumber=1", "partNumber=2");
    expect((await put(moved, parts[0]!)).status).toBe(403);

    const etags: string[] = [];
    for (const [index, part] of parts.entries()) {
      const signed = await storage.direct.presignPart(
        key,
        uploadId,
        index + 1,
        part.length,
      );
      const response = await put(signed.url, part);
      expect(response.status).toBe(200);
      etags.push(response.headers.get("etag") ?? "");
    }
    expect(await storage.has(key)).toBe(false);

    await storage.direct.completeMultipart(
      key,
      uploadId,
      etags.map((etag, i) => ({ partNumber: i + 1, etag })).reverse(),
    );
    expect(sha(await storage.get(key))).toBe(sha(data));
  });

  it("reads through a short-lived presigned URL with the download name, and refuses a tampered one", async () => {
    const storage = testS3Storage();
    await storage.put(key, Buffer.from("master bytes"));
    const url = await storage.direct.presignGet(key, {
      download: "Coat (front) – 'final'.jpg",
      contentType: "application/octet-stream",
    });

    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("master bytes");
    expect(response.headers.get("content-disposition")).toBe(
      "attachment; filename*=UTF-8''Coat%20%28front%29%20%E2%80%93%20%27final%27.jpg",
    );
    expect(response.headers.get("content-type")).toBe(
      "application/octet-stream",
    );

    await storage.put(masterKey(shop, "cd".repeat(32)), Buffer.from("another"));
    expect((await fetch(url.replace("/abab", "/cdcd"))).status).toBe(403);
  });

  it("gives a CDN URL only when a CDN base URL is configured", () => {
    expect(testS3Storage().direct.publicUrl(key)).toBeNull();
    expect(
      testS3Storage({
        cdnUrl: "https://cdn.example.com/assets/",
      }).direct.publicUrl(key),
    ).toBe(`https://cdn.example.com/assets/${key}`);
  });

  it("fails the readiness check when the bucket does not exist", async () => {
    await expect(
      testS3Storage({ bucket: "no-such-bucket" }).check(),
    ).rejects.toThrow();
  });
});
