// Public, signed URLs for what channels fetch from us: rendition images and the Google feed. A rendition's URL
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

/** The shop's Google feed, authorised by the channel's feed token (rotatable in Channels). */
export function googleFeedUrl(shop: string, feedToken: string): string {
  const url = new URL(
    `/feeds/google/${encodeURIComponent(shop)}.xml`,
    env().SHOPIFY_APP_URL,
  );
  url.searchParams.set("token", feedToken);
  return url.href;
}
