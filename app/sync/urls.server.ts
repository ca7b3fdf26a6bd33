// Public, signed URLs for what channels fetch from us: rendition images and the feeds (Google, Meta). A rendition's URL
// carries its cache key (master SHA-256 + profile version), so a new version is a new URL and every cache
// keyed on URLs (Google's image crawler, marketplace CDNs) fetches it again. Signed by lib/url-signing.server.ts.
import { env } from "~/env.server";
import { setSignature, verifyValue } from "~/lib/url-signing.server";

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
  setSignature(url.searchParams, `${shop}/${file}`);
  return url.href;
}

/** Checks a rendition URL's signature (`kid` absent: a URL from before key ids, checked against every key). */
export function renditionSignatureValid(
  shop: string,
  file: string,
  sig: string,
  kid: string | null = null,
): boolean {
  return verifyValue(`${shop}/${file}`, sig, kid);
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
