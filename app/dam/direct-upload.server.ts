// Direct uploads: with object storage, the browser sends large files straight to the bucket with presigned URLs
// (one PUT, or a multipart upload of 8 MiB parts), so no web process holds the bytes in flight. The file lands
// under uploads/{shop}/ and is only a candidate: the server then reads it back, and ingest verifies it (size,
// SHA-256 of the stored bytes, type sniffed from the stored bytes) before any asset or version row exists.
// The staged object is deleted afterwards, accepted or refused.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { env } from "~/env.server";
import { Invalid, NotFound } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import {
  addVersion,
  ingestUpload,
  maxUploadBytes,
  sanitizeFilename,
} from "./ingest.server";
import {
  getStorage,
  stagedUploadKey,
  type DirectAccess,
  type StorageProvider,
} from "./storage.server";

/** Parts of a multipart upload; files up to this size go in one PUT. S3 wants ≥ 5 MiB per part but the last. */
export const PART_BYTES = 8 * 1024 * 1024;
/** S3's limit on parts per upload. */
const MAX_PARTS = 10_000;
/** How long the browser has between asking for URLs and completing the upload. */
const TOKEN_SECONDS = 3600;

export const uploadRequestSchema = z.object({
  filename: z.string().trim().min(1).max(255),
  bytes: z.number().int().min(1),
  assetId: z.string().min(1).max(40).optional(),
});
export type UploadRequest = z.infer<typeof uploadRequestSchema>;

export const uploadCompletionSchema = z.object({
  uploadToken: z.string().min(1).max(4096),
  parts: z
    .array(
      z.object({
        number: z.number().int().min(1).max(MAX_PARTS),
        etag: z.string().min(1).max(200),
      }),
    )
    .max(MAX_PARTS)
    .default([]),
});
export type UploadCompletion = z.infer<typeof uploadCompletionSchema>;

/** What the browser sends where: `parts[i]` is bytes [offset, offset + bytes) of the file, PUT to `url`. */
export interface DirectUploadPlan {
  uploadToken: string;
  multipart: boolean;
  parts: { number: number; url: string; offset: number; bytes: number }[];
  expiresAt: string;
}

// What the token vouches for: the browser cannot point completion at another key, shop, size or asset.
const claimsSchema = z.object({
  shop: z.string(),
  key: z.string(),
  bytes: z.number().int(),
  filename: z.string(),
  assetId: z.string().optional(),
  uploadId: z.string().optional(),
  expires: z.number().int(),
});
type Claims = z.infer<typeof claimsSchema>;

function sign(body: string): string {
  return createHmac("sha256", env().SHOPIFY_API_SECRET)
    .update(`direct-upload\n${body}`)
    .digest("base64url");
}

function issueToken(claims: Claims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${body}.${sign(body)}`;
}

/** The token's claims; Invalid when it was not issued by us, is for another shop or has expired. */
function readToken(token: string, shop: string, now = Date.now()): Claims {
  const [body = "", signature = ""] = token.split(".");
  const given = Buffer.from(signature);
  const expected = Buffer.from(sign(body));
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new Invalid(
      "this upload was not started here; upload the file again",
    );
  const claims = claimsSchema.parse(
    JSON.parse(Buffer.from(body, "base64url").toString("utf8")),
  );
  if (claims.shop !== shop)
    throw new Invalid(
      "this upload was not started here; upload the file again",
    );
  if (claims.expires * 1000 < now)
    throw new Invalid("this upload has expired; upload the file again");
  return claims;
}

/** The storage's direct side, or Invalid when storage is a local folder (uploads then go through the app). */
function directStorage(): StorageProvider & { direct: DirectAccess } {
  const storage = getStorage();
  if (!storage.direct)
    throw new Invalid(
      "direct uploads need object storage; send the file to /app/assets/upload",
    );
  return storage as StorageProvider & { direct: DirectAccess };
}

/** Whether the browser should upload to the bucket itself (the storage is S3-compatible). */
export function directUploadsEnabled(): boolean {
  return Boolean(getStorage().direct);
}

/**
 * Prepares a direct upload of `bytes` bytes: presigned URLs for one PUT, or for each part of a multipart upload.
 * Throws Invalid when the file is over the size limit or storage is not object storage.
 */
export async function planDirectUpload(
  shop: string,
  request: UploadRequest,
): Promise<DirectUploadPlan> {
  const storage = directStorage();
  const limit = maxUploadBytes();
  if (request.bytes > limit)
    throw new Invalid(
      `the file is larger than the ${Math.round(limit / 1024 / 1024)} MB limit`,
      { bytes: ["too large"] },
    );
  const key = stagedUploadKey(shop, randomUUID());
  const expires = Math.floor(Date.now() / 1000) + TOKEN_SECONDS;
  const claims: Claims = {
    shop,
    key,
    bytes: request.bytes,
    filename: sanitizeFilename(request.filename),
    assetId: request.assetId,
    expires,
  };
  const expiresAt = new Date(expires * 1000).toISOString();
  if (request.bytes <= PART_BYTES) {
    const put = await storage.direct.presignPut(key, request.bytes);
    return {
      uploadToken: issueToken(claims),
      multipart: false,
      parts: [{ number: 1, url: put.url, offset: 0, bytes: request.bytes }],
      expiresAt,
    };
  }
  const partBytes = Math.max(PART_BYTES, Math.ceil(request.bytes / MAX_PARTS));
  const uploadId = await storage.direct.startMultipart(key);
  const parts: DirectUploadPlan["parts"] = [];
  for (let offset = 0; offset < request.bytes; offset += partBytes) {
    const bytes = Math.min(partBytes, request.bytes - offset);
    const number = parts.length + 1;
    const put = await storage.direct.presignPart(key, uploadId, number, bytes);
    parts.push({ number, url: put.url, offset, bytes });
  }
  return {
    uploadToken: issueToken({ ...claims, uploadId }),
    multipart: true,
    parts,
    expiresAt,
  };
}

export type DirectUploadOutcome =
  | {
      status: "created";
      assetId: string;
      versionId: string;
      nearDuplicateOf: string | null;
    }
  | { status: "duplicate"; assetId: string; title: string }
  | { status: "version"; assetId: string; versionId: string };

/** Joins the parts (multipart) and checks the stored size; the staged object is removed when it is wrong. */
async function settleStagedObject(
  storage: StorageProvider & { direct: DirectAccess },
  claims: Claims,
  parts: UploadCompletion["parts"],
): Promise<void> {
  if (claims.uploadId) {
    if (parts.length === 0)
      throw new Invalid("the upload has no parts", { parts: ["required"] });
    try {
      await storage.direct.completeMultipart(
        claims.key,
        claims.uploadId,
        parts.map((p) => ({ partNumber: p.number, etag: p.etag })),
      );
    } catch (error) {
      await storage.direct.abortMultipart(claims.key, claims.uploadId);
      throw new Invalid(
        "the upload is incomplete (a part is missing or changed); upload the file again",
        {},
        { cause: error },
      );
    }
  }
  let stored: number;
  try {
    stored = await storage.size(claims.key);
  } catch (error) {
    if (error instanceof NotFound)
      throw new Invalid(
        "the file did not arrive (or was already processed); upload it again",
      );
    throw error;
  }
  if (stored !== claims.bytes)
    throw new Invalid(
      `the stored file has ${stored} bytes, not the ${claims.bytes} announced; upload it again`,
    );
}

/**
 * Completes a direct upload: joins the parts, verifies the stored bytes through ingest (size, SHA-256, type by
 * content, the same rules as an upload through the app) and creates the asset or version. The staged object is
 * deleted whatever the outcome, so a refused file leaves nothing behind. Not idempotent: a second completion of
 * the same token answers Invalid ("already processed"). Throws Invalid for refused files and bad tokens,
 * NotFound/Conflict from addVersion for another shop's or an archived asset.
 */
export async function completeDirectUpload(input: {
  shop: string;
  actor: string;
  completion: UploadCompletion;
}): Promise<DirectUploadOutcome> {
  const storage = directStorage();
  const claims = readToken(input.completion.uploadToken, input.shop);
  try {
    await settleStagedObject(storage, claims, input.completion.parts);
    const upload = {
      shop: input.shop,
      actor: input.actor,
      filename: claims.filename,
      data: await storage.stream(claims.key),
    };
    if (claims.assetId) {
      const { version } = await addVersion({
        ...upload,
        assetId: claims.assetId,
      });
      return {
        status: "version",
        assetId: claims.assetId,
        versionId: version.id,
      };
    }
    const result = await ingestUpload(upload);
    if ("duplicateOf" in result)
      return {
        status: "duplicate",
        assetId: result.duplicateOf.id,
        title: result.duplicateOf.title,
      };
    return {
      status: "created",
      assetId: result.asset.id,
      versionId: result.version.id,
      nearDuplicateOf: result.nearDuplicateOf,
    };
  } finally {
    await storage
      .delete(claims.key)
      .catch((error: unknown) =>
        logger.warn(
          { err: error, shop: input.shop, key: claims.key },
          "staged upload not deleted (the bucket's lifecycle rule will)",
        ),
      );
  }
}
