// Signed, expiring URLs for asset files. <img> tags and downloads in the embedded admin cannot carry the session
// token, so the authenticated loader that lists a shop's assets signs each file URL it hands out; the file route
// checks the signature (lib/url-signing.server.ts) and that the key belongs to the signed shop.
import { NotFound } from "~/lib/errors";
import { setSignature, verifyValue } from "~/lib/url-signing.server";

const TTL_SECONDS = 3600;

const signed = (shop: string, key: string, expires: number, download: string) =>
  `${shop}\n${key}\n${expires}\n${download}`;

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
  setSignature(params, signed(shop, key, expires, download));
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
  const owned =
    key.startsWith(`masters/${shop}/`) || key.startsWith(`renditions/${shop}/`);
  if (
    !owned ||
    !Number.isFinite(expires) ||
    expires * 1000 < now ||
    !verifyValue(
      signed(shop, key, expires, download),
      params.get("sig") ?? "",
      params.get("kid") ?? "",
    )
  )
    throw new NotFound("file not found");
  return { shop, key, download };
}
