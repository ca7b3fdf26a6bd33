// Request body limits, by route class, enforced by the HTTP server before a route reads anything: a declared
// Content-Length over the limit is answered 413 without reading a byte, and a body without one (chunked) is
// counted while it streams and cut off at the limit. A webhook without Shopify's HMAC header is answered 401
// unread (its signature is checked by the route; a body that cannot be signed is not worth reading).
import { maxUploadBytes } from "~/dam/upload-limits";

/** Multipart framing around a file: boundaries, part headers, small fields. */
const MULTIPART_OVERHEAD = 1024 * 1024;

export const FORM_MAX_BYTES = 1024 * 1024;
export const WEBHOOK_MAX_BYTES = 1024 * 1024;
/** The spreadsheet route's own file limit (10 MB) plus framing. */
export const SPREADSHEET_MAX_BYTES = 10 * 1024 * 1024 + MULTIPART_OVERHEAD;

export interface BodyRule {
  /** What the limit is about, for the 413 message. */
  what: string;
  limit: number;
  /** A header without which the body is not read (401). */
  requiredHeader?: string;
}

export function bodyRuleFor(pathname: string): BodyRule {
  if (pathname.startsWith("/webhooks/"))
    return {
      what: "A webhook",
      limit: WEBHOOK_MAX_BYTES,
      requiredHeader: "x-shopify-hmac-sha256",
    };
  // A spin folder's frames become one spin ZIP, which ingest limits like any upload.
  if (
    pathname === "/app/assets/upload" ||
    pathname === "/app/assets/upload-spin"
  )
    return {
      what: "An upload",
      limit: maxUploadBytes() + MULTIPART_OVERHEAD,
    };
  if (pathname === "/app/products/spreadsheet")
    return { what: "A spreadsheet", limit: SPREADSHEET_MAX_BYTES };
  return { what: "A form", limit: FORM_MAX_BYTES };
}

export function tooLargeMessage(rule: BodyRule): string {
  const mb = Math.round(rule.limit / 1024 / 1024);
  return `${rule.what} can be at most ${mb} MB; this request is larger and was not read.`;
}
