// A local S3-protocol server on 127.0.0.1 for tests, benches and trying S3 storage on one machine: s3rver (files in
// a temp folder) speaking real HTTP with real SigV4 checks, so a presigned URL with a changed key, size or expiry
// is refused as S3 refuses it. Not for production.
//
// `npm run s3:local` runs one in the foreground and prints the environment that points Vitrine at it.
import { mkdtempSync, rmSync } from "node:fs";
import type { IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "@20minutes/s3rver";
import signatureV4 from "@20minutes/s3rver/lib/signature/v4.js";

/** s3rver's one account. */
export const LOCAL_S3_CREDENTIALS = {
  accessKeyId: "S3RVER",
  secretAccessKey: "S3RVER",
};

// Browsers upload straight to the bucket: allow their PUTs and let them read the ETag of each part.
const CORS = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

// s3rver builds SigV4's canonical request from its parsed route, not from the request as sent: a bucket-level
// path-style request (`GET /bucket/?list-type=2`, which SDK v3 signs with the trailing slash) and query values
// with ' * ( ) ! (a `filename*=UTF-8''…` download name) then fail with SignatureDoesNotMatch although S3 accepts
// them. We give it the canonical URI and query string as SigV4 defines them (the path as sent; every parameter
// but the signature RFC 3986-encoded and sorted). The signature check itself stays s3rver's.
const rawUrls = new WeakMap<IncomingHttpHeaders, string>();

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function canonicalQuery(query: string): string {
  return query
    .split("&")
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf("=");
      const name = decodeURIComponent(at < 0 ? pair : pair.slice(0, at));
      const value = at < 0 ? "" : decodeURIComponent(pair.slice(at + 1));
      return [rfc3986(name), rfc3986(value)] as const;
    })
    .filter(([name]) => name !== "X-Amz-Signature")
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

let patched = false;
function useSigV4Canonicalisation(): void {
  if (patched) return;
  patched = true;
  const original = signatureV4.getStringToSign;
  signatureV4.getStringToSign = (canonicalRequest, request) => {
    const raw = rawUrls.get(canonicalRequest.headers);
    if (raw === undefined) return original(canonicalRequest, request);
    const at = raw.indexOf("?");
    return original(
      {
        ...canonicalRequest,
        uri: at < 0 ? raw : raw.slice(0, at),
        querystring: at < 0 ? "" : canonicalQuery(raw.slice(at + 1)),
      },
      request,
    );
  };
}

export interface LocalS3 {
  /** http://127.0.0.1:port */
  endpoint: string;
  bucket: string;
  /** The environment that points Vitrine's storage at this server (path-style, its credentials). */
  env(prefix?: string): Record<string, string>;
  close(): Promise<void>;
}

/** Starts the server with an empty bucket (CORS open for browser uploads); `port` 0 picks a free one. */
export async function startLocalS3(
  options: { bucket?: string; port?: number } = {},
): Promise<LocalS3> {
  useSigV4Canonicalisation();
  const bucket = options.bucket ?? "vitrine";
  const directory = mkdtempSync(path.join(tmpdir(), "vitrine-s3-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: options.port ?? 0,
    silent: true,
    directory,
    vhostBuckets: false,
    configureBuckets: [{ name: bucket, configs: [CORS] }],
  });
  server.middleware.unshift(async (ctx, next) => {
    rawUrls.set(ctx.req.headers, ctx.req.url ?? "/");
    await next();
  });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  return {
    endpoint,
    bucket,
    env: (prefix = "") => ({
      STORAGE_URL: `s3://${bucket}${prefix ? `/${prefix}` : ""}`,
      S3_ENDPOINT: endpoint,
      S3_REGION: "us-east-1",
      S3_FORCE_PATH_STYLE: "true",
      AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
    }),
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.S3_PORT ?? 9000);
  const s3 = await startLocalS3({ port });
  console.log(`local S3 on ${s3.endpoint}, bucket "${s3.bucket}"`);
  for (const [name, value] of Object.entries(s3.env()))
    console.log(`${name}=${value}`);
  const stop = () => void s3.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
