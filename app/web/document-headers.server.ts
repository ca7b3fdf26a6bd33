// Security headers for every HTML document. The Shopify library sets the frame-ancestors CSP only when the URL
// carries `?shop=` (it then names that shop's admin); a page reached without it (the login page, an error page,
// a deep link) would have none and could be framed by any site (clickjacking). Those pages get a policy that lets
// only Shopify's admin frame them (plus the store emulator's origin when one is configured, for development).
import { env } from "~/env.server";
import { addDocumentResponseHeaders } from "~/shopify.server";

/** The admins that may frame Vitrine when the shop is not known: Shopify's (and its development hosts). */
const SHOPIFY_ADMINS = [
  "https://admin.shopify.com",
  "https://*.spin.dev",
  "https://admin.myshopify.io",
  "https://admin.shop.dev",
];

export function frameAncestorsWithoutShop(emulatorOrigin?: string): string {
  const sources = emulatorOrigin
    ? [...SHOPIFY_ADMINS, new URL(emulatorOrigin).origin]
    : SHOPIFY_ADMINS;
  return `frame-ancestors ${sources.join(" ")};`;
}

/** Sets the document headers: the library's, then a frame-ancestors CSP whenever it set none. */
export function addDocumentHeaders(request: Request, headers: Headers): void {
  addDocumentResponseHeaders(request, headers);
  if (!headers.has("Content-Security-Policy"))
    headers.set(
      "Content-Security-Policy",
      frameAncestorsWithoutShop(env().SHOPIFY_API_ORIGIN),
    );
}
