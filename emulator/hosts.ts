// The hosts the emulator answers for besides each shop's *.myshopify.com: staged uploads, the CDN and bulk
// operation results.
export const STAGED_UPLOADS_HOST =
  "shopify-staged-uploads.storage.googleapis.com";
export const CDN_HOST = "cdn.shopify.com";
export const BULK_RESULTS_HOST = "storage.googleapis.com";

export function isShopifyHost(hostname: string): boolean {
  return (
    hostname.endsWith(".myshopify.com") ||
    hostname === STAGED_UPLOADS_HOST ||
    hostname === CDN_HOST ||
    hostname === BULK_RESULTS_HOST
  );
}
