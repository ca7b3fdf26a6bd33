// Routes a request addressed to Shopify to the part of the emulator that answers it. The shop comes from
// X-Forwarded-Host (set by the app's routing fetch, which cannot override Host) or the Host of the URL.
import { timingSafeEqual } from "node:crypto";
import {
  answerAdminRedirect,
  answerSessionToken,
  appBridgeScript,
} from "./app-bridge";
import { answerResourcePicker } from "./resource-picker";
import type { Faults } from "./faults";
import type { ShopifyEmulator } from "./emulator";
import { BULK_RESULTS_HOST, CDN_HOST, STAGED_UPLOADS_HOST } from "./hosts";
import { MAX_IMAGE_BYTES } from "./media/process";
import { answerGraphql } from "./graphql";
import { answerAccessToken } from "./oauth";
import { stagedSignature } from "./resolvers/staged-uploads";
import { jsonResponse } from "./respond";
import { ADMIN_API_VERSION } from "./schema";
import { answerClock, answerStorefront } from "./storefront-routes";

const INVALID_TOKEN =
  "[API] Invalid API key or access token (unrecognized login or wrong password)";

function hostOf(request: Request): string {
  return (request.headers.get("x-forwarded-host") ?? new URL(request.url).host)
    .split(":")[0]!
    .toLowerCase();
}

function sameSecret(given: string | null, expected: string): boolean {
  if (!given || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

function gcsError(status: number, code: string, message: string): Response {
  return new Response(
    `<?xml version='1.0' encoding='UTF-8'?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
    {
      status,
      headers: { "Content-Type": "application/xml" },
    },
  );
}

async function answerAdminApi(
  emulator: ShopifyEmulator,
  domain: string,
  request: Request,
  version: string,
): Promise<Response> {
  if (version !== ADMIN_API_VERSION)
    return jsonResponse({ errors: "Not Found" }, { status: 404 });
  const shop = emulator.shop(domain);
  const token = request.headers.get("x-shopify-access-token") ?? "";
  const record = shop.tokens.get(token);
  if (!record || (record.expiresAt !== null && record.expiresAt < Date.now())) {
    return jsonResponse({ errors: INVALID_TOKEN }, { status: 401 });
  }
  const faults = emulator.faultsFor(domain);
  if (faults.latencyMs)
    await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
  if (faults.serverErrorNext && faults.serverErrorNext > 0) {
    faults.serverErrorNext -= 1;
    return new Response("Bad Gateway", { status: 502 });
  }
  if (faults.serverErrorRate && emulator.random() < faults.serverErrorRate) {
    const status = emulator.random() < 0.5 ? 502 : 503;
    return new Response(
      status === 502 ? "Bad Gateway" : "Service Unavailable",
      { status },
    );
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return jsonResponse(
      { errors: [{ message: "Invalid JSON in request body" }] },
      { status: 400 },
    );
  }
  const answer = await answerGraphql(
    emulator,
    domain,
    body as Record<string, unknown>,
  );
  const query = String((body as { query?: unknown }).query ?? "");
  if (/^\s*(#[^\n]*\n\s*)*mutation\b/.test(query) && answer.status === 200) {
    const lostNext = (faults.lostResponseNext ?? 0) > 0;
    if (
      lostNext ||
      (faults.lostResponseRate && emulator.random() < faults.lostResponseRate)
    ) {
      if (lostNext) faults.lostResponseNext! -= 1;
      return new Response("Bad Gateway", { status: 502 });
    }
  }
  return jsonResponse(answer.body, { status: answer.status });
}

async function answerStagedUpload(
  emulator: ShopifyEmulator,
  request: Request,
): Promise<Response> {
  const url = new URL(request.url);
  let key: string;
  let signature: string | null;
  let bytes: Buffer;
  if (request.method === "POST") {
    const form = await request.formData();
    key = String(form.get("key") ?? "");
    signature = form.get("x-goog-signature") as string | null;
    const file = form.get("file");
    if (!(file instanceof Blob))
      return gcsError(
        400,
        "InvalidArgument",
        "The multipart form has no file field.",
      );
    bytes = Buffer.from(await file.arrayBuffer());
  } else if (request.method === "PUT") {
    key = decodeURIComponent(url.pathname.slice(1));
    signature = url.searchParams.get("X-Goog-Signature");
    bytes = Buffer.from(await request.arrayBuffer());
  } else {
    return gcsError(405, "MethodNotAllowed", "Use POST or PUT.");
  }
  const shopNumber = Number(key.split("/")[1]);
  const domain = emulator
    .shopDomains()
    .find((d) => emulator.shopNumber(d) === shopNumber);
  const upload = domain
    ? emulator.shop(domain).stagedUploads.get(key)
    : undefined;
  if (
    !upload ||
    !sameSecret(signature, stagedSignature(emulator.apiSecret, key))
  ) {
    return gcsError(
      403,
      "AccessDenied",
      "Invalid or missing signature for this upload target.",
    );
  }
  if (upload.resource === "IMAGE" && bytes.length > MAX_IMAGE_BYTES) {
    return gcsError(
      400,
      "EntityTooLarge",
      "Your proposed upload is larger than the maximum object size specified in your Policy Document.",
    );
  }
  upload.blobKey = emulator.putBlob(bytes);
  if (request.method === "PUT") return new Response(null, { status: 200 });
  return new Response(
    `<?xml version='1.0' encoding='UTF-8'?><PostResponse><Location>https://${STAGED_UPLOADS_HOST}/${key}</Location><Bucket>shopify-staged-uploads</Bucket><Key>${key}</Key><ETag>"${upload.blobKey.slice(0, 32)}"</ETag></PostResponse>`,
    { status: 201, headers: { "Content-Type": "application/xml" } },
  );
}

function answerCdn(emulator: ShopifyEmulator, request: Request): Response {
  const content = emulator.cdnContent(new URL(request.url).pathname);
  const bytes = content ? emulator.blob(content.blobKey) : undefined;
  if (!content || !bytes) return new Response("Not Found", { status: 404 });
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": content.mimeType,
      "Cache-Control": "public, max-age=31536000",
      ETag: `"${content.blobKey.slice(0, 16)}"`,
    },
  });
}

function answerBulkResult(
  emulator: ShopifyEmulator,
  request: Request,
): Response {
  const match = /\/bulk-operation-outputs\/(\d+)\.jsonl$/.exec(
    new URL(request.url).pathname,
  );
  if (match) {
    for (const domain of emulator.shopDomains()) {
      const operation = emulator
        .shop(domain)
        .bulkOperations.get(`gid://shopify/BulkOperation/${match[1]}`);
      const bytes = operation?.blobKey
        ? emulator.blob(operation.blobKey)
        : undefined;
      if (bytes)
        return new Response(new Uint8Array(bytes), {
          headers: { "Content-Type": "application/jsonl" },
        });
    }
  }
  return gcsError(404, "NoSuchKey", "The specified key does not exist.");
}

/** Emulator controls for standalone runs (`npm run emulator`): faults, health, storefront. */
async function answerControl(
  emulator: ShopifyEmulator,
  request: Request,
  path: string,
): Promise<Response> {
  if (path === "/__emulator/health")
    return jsonResponse({ ok: true, shops: emulator.shopDomains() });
  if (path === "/__emulator/faults" && request.method === "POST") {
    const { shop, ...faults } = (await request.json()) as {
      shop: string;
    } & Faults;
    emulator.setFaults(shop, faults);
    return jsonResponse({ ok: true });
  }
  if (path === "/__emulator/clock") return answerClock(emulator, request);
  // What the shop's Admin API answered so far: each operation's count, the points spent, the bucket now.
  if (path === "/__emulator/admin-api") {
    const shop = new URL(request.url).searchParams.get("shop") ?? "";
    return jsonResponse({
      operations: Object.fromEntries(emulator.operationCounts(shop)),
      pointsSpent: emulator.pointsSpent(shop),
      bucket: emulator.bucket(shop).status(),
    });
  }
  if (path === "/__emulator/webhooks")
    return jsonResponse(emulator.webhooks.deliveries);
  if (path === "/__emulator/session-token")
    return answerSessionToken(emulator, request);
  if (path === "/__emulator/admin")
    return answerAdminRedirect(emulator, request);
  if (path === "/__emulator/resource-picker")
    return answerResourcePicker(emulator, request);
  return jsonResponse({ errors: "Not Found" }, { status: 404 });
}

export async function handleRequest(
  emulator: ShopifyEmulator,
  request: Request,
): Promise<Response> {
  const url = new URL(request.url);
  const host = hostOf(request);
  if (url.pathname.startsWith("/__emulator/"))
    return answerControl(emulator, request, url.pathname);
  if (url.pathname === "/shopifycloud/app-bridge.js") {
    return appBridgeScript(
      new URL("/__emulator/session-token", url.origin).toString(),
      new URL("/__emulator/resource-picker", url.origin).toString(),
    );
  }
  if (host === STAGED_UPLOADS_HOST)
    return answerStagedUpload(emulator, request);
  if (host === CDN_HOST) return answerCdn(emulator, request);
  if (host === BULK_RESULTS_HOST) return answerBulkResult(emulator, request);
  if (!host.endsWith(".myshopify.com") || !emulator.hasShop(host))
    return jsonResponse({ errors: "Not Found" }, { status: 404 });

  if (url.pathname === "/admin/oauth/access_token" && request.method === "POST")
    return answerAccessToken(emulator, host, request);
  const api = /^\/admin\/api\/([\w-]+)\/graphql\.json$/.exec(url.pathname);
  if (api && request.method === "POST")
    return answerAdminApi(emulator, host, request, api[1]!);
  const storefront = answerStorefront(emulator, host, request);
  if (storefront) return storefront;
  return jsonResponse({ errors: "Not Found" }, { status: 404 });
}
