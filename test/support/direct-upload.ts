// What the drop zone does in a direct upload, for the tests: plan (presigned part URLs), PUT the parts, complete;
// and what is left staged in the bucket.
import { createHash, randomBytes } from "node:crypto";
import sharp from "sharp";
import type { ActionFunctionArgs } from "@remix-run/node";
import { expect } from "vitest";
import type { S3Storage } from "~/dam/storage.server";
import { action as completeAction } from "~/routes/app.assets.upload-complete";
import { action as planAction } from "~/routes/app.assets.upload-url";
import { embeddedFetchRequest } from "./shopify";

export const args = (request: Request) => ({
  request,
  params: {},
  context: {},
});
export const sha256 = (data: Buffer) =>
  createHash("sha256").update(data).digest("hex");

export interface Plan {
  uploadToken: string;
  multipart: boolean;
  parts: { number: number; url: string; offset: number; bytes: number }[];
}

/** The upload calls of `shop`'s admin (another shop where a call says so), on the storage `storage()` returns. */
export function directUploads(shop: string, storage: () => S3Storage) {
  async function post(
    action: (args: ActionFunctionArgs) => Promise<Response>,
    path: string,
    forShop: string,
    body: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const request = await embeddedFetchRequest(path, forShop, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "Content-Type": "application/json" },
    });
    const response = await action(args(request));
    return {
      status: response.status,
      body: (await response.json()) as unknown as Record<string, unknown>,
    };
  }

  async function plan(
    filename: string,
    bytes: number,
    forShop = shop,
    assetId?: string,
  ) {
    const answer = await post(planAction, "/app/assets/upload-url", forShop, {
      filename,
      bytes,
      assetId,
    });
    expect(answer.status).toBe(200);
    return answer.body as unknown as Plan;
  }

  /** What the browser does: PUT each part to its URL; returns the ETags. */
  async function sendParts(planned: Plan, file: Buffer) {
    const etags: { number: number; etag: string }[] = [];
    for (const part of planned.parts) {
      const response = await fetch(part.url, {
        method: "PUT",
        body: new Uint8Array(
          file.subarray(part.offset, part.offset + part.bytes),
        ),
      });
      expect(response.status).toBe(200);
      etags.push({ number: part.number, etag: response.headers.get("etag")! });
    }
    return etags;
  }

  const complete = (
    uploadToken: string,
    parts: { number: number; etag: string }[] = [],
    forShop = shop,
  ) =>
    post(completeAction, "/app/assets/upload-complete", forShop, {
      uploadToken,
      parts,
    });

  async function stagedKeys(): Promise<number> {
    const keys = await storage().client.send(
      new (await import("@aws-sdk/client-s3")).ListObjectsV2Command({
        Bucket: storage().options.bucket,
        Prefix: `${storage().options.prefix}/uploads/`,
      }),
    );
    return keys.KeyCount ?? 0;
  }

  return { post, plan, sendParts, complete, stagedKeys };
}

export async function largePng(): Promise<Buffer> {
  const side = 1800;
  return sharp(randomBytes(side * side * 3), {
    raw: { width: side, height: side, channels: 3 },
  })
    .png({ compressionLevel: 0 })
    .toBuffer();
}
