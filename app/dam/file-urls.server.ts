// Signed, expiring URLs for asset files. <img> tags and downloads in the embedded admin cannot carry the session
// token, so the authenticated loader that lists a shop's assets signs each file URL it hands out; the file route
// checks the signature (HMAC with the app secret) and that the key belongs to the signed shop.
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "~/env.server";
import { NotFound } from "~/lib/errors";

const TTL_SECONDS = 3600;

function signature(
  shop: string,
  key: string,
  expires: number,
  download: string,
): string {
  return createHmac("sha256", env().SHOPIFY_API_SECRET)
    .update(`${shop}\n${key}\n${expires}\n${download}`)
    .digest("base64url");
}

/** A URL for `key` of `shop`, valid for an hour. `download` names the file for a download instead of inline. */
export function signedFileUrl(
  shop: string,
  key: string,
  download = "",
  now = Date.now(),
): string {
  // Rounded to the TTL so the same image keeps the same URL for a while (browser cache hits).
  const expires = (Math.floor(now / 1000 / TTL_SECONDS) + 2) * TTL_SECONDS;
  const params = new URLSearchParams({ shop, key, expires: String(expires) });
  if (download) params.set("download", download);
  params.set("sig", signature(shop, key, expires, download));
  return `/dam/file?${params.toString()}`;
}

export interface VerifiedFile {
  shop: string;
  key: string;
  download: string;
}

/** Checks a signed file URL. Throws NotFound for anything wrong (no oracle for which part was). */
export function verifyFileUrl(
  params: URLSearchParams,
  now = Date.now(),
): VerifiedFile {
  const shop = params.get("shop") ?? "";
  const key = params.get("key") ?? "";
  const download = params.get("download") ?? "";
  const expires = Number(params.get("expires"));
  const given = Buffer.from(params.get("sig") ?? "");
  const expected = Buffer.from(signature(shop, key, expires, download));
  const owned =
    key.startsWith(`masters/${shop}/`) || key.startsWith(`renditions/${shop}/`);
  if (
    !owned ||
    !Number.isFinite(expires) ||
    expires * 1000 < now ||
    given.length !== expected.length ||
    !timingSafeEqual(given, expected)
  )
    throw new NotFound("file not found");
  return { shop, key, download };
}
