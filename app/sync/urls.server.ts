// Public, signed URLs for what channels fetch from us: rendition images and the Google feed. A rendition's URL
// carries its cache key (master SHA-256 + profile version), so a new version is a new URL and every cache
// keyed on URLs (Google's image crawler, marketplace CDNs) fetches it again.
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "~/env.server";

function sign(value: string): string {
  return createHmac("sha256", env().SHOPIFY_API_SECRET)
    .update(value)
    .digest("base64url")
    .slice(0, 32);
}

export function verifySignature(value: string, signature: string): boolean {
  const expected = Buffer.from(sign(value));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** `/renditions/{shop}/{key}.{ext}?sig=…` on the app's public origin. */
export function renditionUrl(
  shop: string,
  key: string,
  extension: string,
): string {
  const file = `${key}.${extension}`;
  const url = new URL(
    `/renditions/${encodeURIComponent(shop)}/${encodeURIComponent(file)}`,
    env().SHOPIFY_APP_URL,
  );
  url.searchParams.set("sig", sign(`${shop}/${file}`));
  return url.href;
}

export function renditionSignatureValid(
  shop: string,
  file: string,
  sig: string,
): boolean {
  return verifySignature(`${shop}/${file}`, sig);
}

/** The shop's Google feed, authorised by the channel's feed token (rotatable in Channels). */
export function googleFeedUrl(shop: string, feedToken: string): string {
  const url = new URL(
    `/feeds/google/${encodeURIComponent(shop)}.xml`,
    env().SHOPIFY_APP_URL,
  );
  url.searchParams.set("token", feedToken);
  return url.href;
}
