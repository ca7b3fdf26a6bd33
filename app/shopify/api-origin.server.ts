// Where Shopify-bound HTTP goes. In production: Shopify. With SHOPIFY_API_ORIGIN set (the demo, e2e runs) every
// request for a Shopify host — Admin API and OAuth on *.myshopify.com, staged uploads, the Files CDN, bulk
// results — goes to that origin instead (the store emulator), the original host in X-Forwarded-Host. The app's
// own requests to those hosts (uploading to a staged target, reading a bulk result) use `shopifyFetch`.
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";

const SHOPIFY_HOSTS = [
  /\.myshopify\.com$/,
  /^shopify-staged-uploads\.storage\.googleapis\.com$/,
  /^cdn\.shopify\.com$/,
  /^storage\.googleapis\.com$/,
];

export function isShopifyHost(hostname: string): boolean {
  return SHOPIFY_HOSTS.some((pattern) => pattern.test(hostname));
}

/** A fetch that sends Shopify-bound requests to `origin` and everything else to `base`. */
export function routedFetch(
  origin: string,
  base: typeof fetch = globalThis.fetch,
): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (!isShopifyHost(url.hostname)) return base(request);
    const headers = new Headers(request.headers);
    headers.set("X-Forwarded-Host", url.host);
    const body =
      request.method === "GET" || request.method === "HEAD"
        ? undefined
        : await request.arrayBuffer();
    return base(new URL(url.pathname + url.search, origin), {
      method: request.method,
      headers,
      body,
      redirect: request.redirect,
    });
  };
}

let current: typeof fetch = (input, init) => globalThis.fetch(input, init);

/** Sends Shopify-bound requests (the library's and ours) through `fetchFunction`. */
export function setShopifyFetch(fetchFunction: typeof fetch): void {
  current = fetchFunction;
  setAbstractFetchFunc(
    fetchFunction as Parameters<typeof setAbstractFetchFunc>[0],
  );
}

/** fetch() for URLs on Shopify's hosts (staged uploads, CDN files, bulk results). */
export const shopifyFetch: typeof fetch = (input, init) => current(input, init);
