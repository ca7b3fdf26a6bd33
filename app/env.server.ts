// Process configuration, parsed once with zod so a bad value fails at start-up with a readable message.
// Defaults are the embedded single-machine setup (SQLite file, local Redis, local storage folder).
import { z } from "zod";

/** What the app asks a shop for; shopify.app.toml's `access_scopes` must say the same (a unit test checks). */
export const DEFAULT_SCOPES =
  "read_products,write_products,read_files,write_files,read_locales,read_markets";

const schema = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"])
    .default("development"),
  SHOPIFY_API_KEY: z
    .string()
    .min(1, "SHOPIFY_API_KEY is required (the app's client id)"),
  SHOPIFY_API_SECRET: z
    .string()
    .min(1, "SHOPIFY_API_SECRET is required (the app's client secret)"),
  SHOPIFY_APP_URL: z.url("SHOPIFY_APP_URL must be the app's public https URL"),
  SCOPES: z.string().default(DEFAULT_SCOPES),
  DATABASE_URL: z.string().default("file:./data/vitrine.sqlite"),
  REDIS_URL: z.string().default("redis://127.0.0.1:6379"),
  // Namespaces every BullMQ key, so several deployments (or test runs) can share one Redis.
  QUEUE_PREFIX: z
    .string()
    .regex(/^[\w:-]+$/)
    .default("vitrine"),
  STORAGE_DIR: z.string().default("./data/storage"),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .default("info"),
  // Development and tests only: send Shopify-bound requests to the store emulator at this origin.
  SHOPIFY_API_ORIGIN: z.url().optional(),
  // Development and tests only: let merchant-configured URLs (the marketplace endpoint) reach loopback and
  // private addresses, where the demo's and the tests' marketplace receiver listens. Never in production.
  ALLOW_PRIVATE_OUTBOUND: z.stringbool().default(false),
  // Signs the public URLs Google and the marketplace keep (renditions) and the admin's file URLs. Its own secret,
  // so rotating the app's client secret breaks none of them; rotate it by moving the old value to
  // URL_SIGNING_PREVIOUS_SECRETS (comma-separated), which stay accepted. Unset: the app secret signs.
  URL_SIGNING_SECRET: z
    .string()
    .min(32, "URL_SIGNING_SECRET needs at least 32 characters")
    .optional(),
  URL_SIGNING_PREVIOUS_SECRETS: z
    .string()
    .default("")
    .transform((list) =>
      list
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  // How long a transaction may wait for a connection, and run, before Prisma gives up (its defaults, 2 s and 5 s,
  // failed approvals when four workers loaded one database: a busy database should make a write slow, not lost).
  DB_TRANSACTION_MAX_WAIT_MS: z.coerce.number().int().min(100).default(10_000),
  DB_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(30_000),
  // Files Vitrine created are orphans (and deleted) only once older than this: a creation may still be recording.
  SYNC_ORPHAN_GRACE_MS: z.coerce.number().int().min(0).default(600_000),
  // Object storage for several machines: s3://bucket[/prefix] (AWS S3, R2, GCS, MinIO). Unset: STORAGE_DIR.
  // Credentials come from the standard AWS variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_PROFILE …).
  STORAGE_URL: z
    .string()
    .regex(
      /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[\w./-]*)?$/,
      "STORAGE_URL must look like s3://bucket or s3://bucket/prefix",
    )
    .optional(),
  // R2: https://<account>.r2.cloudflarestorage.com; GCS: https://storage.googleapis.com; MinIO: its URL.
  S3_ENDPOINT: z.url().optional(),
  // Falls back to AWS_REGION, then us-east-1 (R2 wants "auto").
  S3_REGION: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.stringbool().default(false),
  // Public base URL (a CDN in front of the bucket's STORAGE_URL prefix) for channel renditions.
  STORAGE_CDN_URL: z.url().optional(),
  // How long a presigned download URL from object storage stays valid.
  STORAGE_URL_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(43_200)
    .default(900),
  // GET /metrics needs "Authorization: Bearer <METRICS_TOKEN>"; without a token the route answers 404.
  METRICS_TOKEN: z
    .string()
    .min(16, "METRICS_TOKEN needs at least 16 characters")
    .optional(),
  // The worker serves its own /metrics on this port (127.0.0.1 unless METRICS_HOST says otherwise).
  METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  METRICS_HOST: z.string().default("127.0.0.1"),
  // Video (issue #15): the ffmpeg and ffprobe binaries. Unset: found on PATH (Debian's `ffmpeg` package).
  FFMPEG_PATH: z.string().min(1).default("ffmpeg"),
  FFPROBE_PATH: z.string().min(1).default("ffprobe"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Parses process.env on first use. Throws an Error listing every invalid variable. */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${issue.path.join(".")}: ${issue.message}`,
    );
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}
