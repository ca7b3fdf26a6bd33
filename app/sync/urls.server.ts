// Public, signed URLs for what channels fetch from us: rendition images and the feeds (Google, Meta). A rendition's URL
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

/** A feed channel's feed, authorised by the channel's token (rotatable in Channels). */
export function feedUrl(
  shop: string,
  feed: { slug: string; extension: string },
  token: string,
): string {
  const url = new URL(
    `/feeds/${feed.slug}/${encodeURIComponent(shop)}.${feed.extension}`,
    env().SHOPIFY_APP_URL,
  );
  url.searchParams.set("token", token);
  return url.href;
}

/** The shop's Google feed. */
export const googleFeedUrl = (shop: string, feedToken: string): string =>
  feedUrl(shop, { slug: "google", extension: "xml" }, feedToken);
