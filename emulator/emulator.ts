// The store emulator: Shopify's Admin API 2026-10 for the app's tests, the demo and e2e runs. It answers the
// real schema, enforces Shopify's documented rules (costs, throttling, media states, file replacement,
// metafield limits) and sends signed webhooks. See README "Store emulator".
//
// This class holds the emulator's state and its public test API; the work is done elsewhere: hosts.ts (what it
// answers for), cdn.ts (file URLs), file-processing.ts (media states), scheduler.ts (background work),
// shop-defaults.ts (what a new shop has), http-handler.ts (routing a request).
import { createHash, randomBytes } from "node:crypto";
import { cdnContent, fileUrl, previewUrl } from "./cdn";
import { EmulatorClock } from "./clock";
import { LeakyBucket } from "./leaky-bucket";
import { seededRandom, type Faults } from "./faults";
import { isShopifyHost } from "./hosts";
import { handleRequest } from "./http-handler";
import { TaskScheduler } from "./scheduler";
import { ensureShopDefaults, newShop } from "./shop-defaults";
import {
  IdSequence,
  restoreShop,
  snapshotShop,
  type FileRecord,
  type ShopInfo,
  type ShopSnapshot,
  type ShopState,
} from "./state";
import { WebhookDispatcher } from "./webhooks";
import {
  STANDARD_PLAN,
  type AccessTokenOptions,
  type EmulatorOptions,
} from "./emulator-options";

export type { AccessTokenOptions, EmulatorOptions } from "./emulator-options";
export {
  BULK_RESULTS_HOST,
  CDN_HOST,
  isShopifyHost,
  STAGED_UPLOADS_HOST,
} from "./hosts";
/** Shopify's product-media limits: https://shopify.dev/docs/apps/build/online-store/product-media */
export {
  MAX_IMAGE_BYTES,
  MAX_IMAGE_PIXELS,
  MAX_IMAGE_SIDE,
} from "./media/process";

export class ShopifyEmulator {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly appUrl: string | undefined;
  readonly appId: number;
  readonly mediaProcessingMs: number;
  readonly bulkOperationMs: number;
  readonly bulkMutationLineMs: number;
  readonly ids = new IdSequence();
  /** Emulator time: every timestamp and scheduled publication reads it; tests advance it. */
  readonly clock = new EmulatorClock();
  readonly webhooks: WebhookDispatcher;
  /** Fields a request asked for that the emulator does not implement (each one also fails its request). */
  readonly unimplemented = new Set<string>();
  readonly externalFetch: typeof fetch;
  readonly random: () => number;

  private readonly shops = new Map<string, ShopState>();
  private readonly blobs = new Map<string, Buffer>();
  private readonly buckets = new Map<string, LeakyBucket>();
  private readonly faults = new Map<string, Faults>();
  private readonly operationsAnswered = new Map<string, Map<string, number>>();
  private readonly spent = new Map<string, number>();
  private readonly tasks = new TaskScheduler();
  private throttle: { maximumAvailable: number; restoreRate: number };

  constructor(options: EmulatorOptions) {
    this.apiKey = options.apiKey;
    this.apiSecret = options.apiSecret;
    this.appUrl = options.appUrl ?? options.webhooks?.appUrl;
    this.appId = options.appId ?? 31_337_000;
    this.mediaProcessingMs = options.mediaProcessingMs ?? 300;
    this.bulkOperationMs = options.bulkOperationMs ?? 200;
    this.bulkMutationLineMs = options.bulkMutationLineMs ?? 0;
    this.throttle = options.throttle ?? STANDARD_PLAN;
    this.random = seededRandom(options.seed ?? 42);
    this.externalFetch =
      options.externalFetch ?? globalThis.fetch.bind(globalThis);
    this.webhooks = new WebhookDispatcher(this, options.webhooks ?? {});
  }

  // ── shops, tokens, faults ──────────────────────────────────────────────────────────────────────────────

  addShop(
    domain: string,
    info: Partial<Omit<ShopInfo, "domain">> = {},
  ): ShopState {
    const shop = newShop(domain, info, () => this.ids.take());
    this.shops.set(domain, shop);
    return shop;
  }

  hasShop(domain: string): boolean {
    return this.shops.has(domain);
  }

  shop(domain: string): ShopState {
    const shop = this.shops.get(domain);
    if (!shop) throw new Error(`emulator: unknown shop ${domain}`);
    return shop;
  }

  shopDomains(): string[] {
    return [...this.shops.keys()];
  }

  /** A stable numeric id per shop, used in CDN paths and staged-upload keys. */
  shopNumber(domain: string): number {
    return (
      Number.parseInt(
        createHash("sha256").update(domain).digest("hex").slice(0, 8),
        16,
      ) % 100_000_000
    );
  }

  /** Grants an Admin API access token directly (what token exchange would have produced). */
  issueAccessToken(domain: string, options: AccessTokenOptions = {}): string {
    const token = options.token ?? `shpat_${randomBytes(16).toString("hex")}`;
    this.shop(domain).tokens.set(token, {
      accessToken: token,
      scope:
        options.scope ??
        "read_products,write_products,read_files,write_files,read_locales,read_markets",
      expiresAt:
        options.expiresIn === undefined
          ? null
          : Date.now() + options.expiresIn * 1000,
      refreshToken: null,
      refreshTokenExpiresAt: null,
      online: false,
    });
    return token;
  }

  setFaults(domain: string, faults: Faults): void {
    this.faults.set(domain, { ...faults });
  }

  /**
   * How many times each named operation was answered for the shop (throttled and over-cost ones excepted): what
   * a test reads to check how many reads a piece of work cost, the way an app's request log would show it.
   */
  operationCounts(domain: string): Map<string, number> {
    let counts = this.operationsAnswered.get(domain);
    if (!counts) {
      counts = new Map();
      this.operationsAnswered.set(domain, counts);
    }
    return counts;
  }

  /** Points the shop's answered queries and mutations cost (actualQueryCost), since the emulator started. */
  pointsSpent(domain: string): number {
    return this.spent.get(domain) ?? 0;
  }

  recordSpent(domain: string, points: number): void {
    this.spent.set(domain, this.pointsSpent(domain) + points);
  }

  faultsFor(domain: string): Faults {
    let faults = this.faults.get(domain);
    if (!faults) {
      faults = {};
      this.faults.set(domain, faults);
    }
    return faults;
  }

  /** Sets the bucket of every shop (and of shops added later), e.g. Shopify Plus: 20000 / 1000. */
  setThrottle(throttle: {
    maximumAvailable: number;
    restoreRate: number;
  }): void {
    this.throttle = throttle;
    this.buckets.clear();
  }

  bucket(domain: string): LeakyBucket {
    let bucket = this.buckets.get(domain);
    if (!bucket) {
      bucket = new LeakyBucket(
        this.throttle.maximumAvailable,
        this.throttle.restoreRate,
      );
      this.buckets.set(domain, bucket);
    }
    return bucket;
  }

  // ── blobs and URLs ─────────────────────────────────────────────────────────────────────────────────────

  putBlob(bytes: Buffer): string {
    const key = createHash("sha256").update(bytes).digest("hex");
    this.blobs.set(key, bytes);
    return key;
  }

  blob(key: string): Buffer | undefined {
    return this.blobs.get(key);
  }

  /** The CDN URL shoppers load for a file's current content; null until it has been processed once. */
  fileUrl(domain: string, file: FileRecord): string | null {
    return fileUrl(this, domain, file);
  }

  /** The CDN URL of a video's or 3D model's generated preview image; null until processed. */
  previewUrl(domain: string, file: FileRecord): string | null {
    return previewUrl(this, domain, file);
  }

  /** What the CDN serves at a path: a file's processed content or a media preview image. */
  cdnContent(path: string): { blobKey: string; mimeType: string } | null {
    return cdnContent(this, path);
  }

  // ── events ─────────────────────────────────────────────────────────────────────────────────────────────

  /** Products changed: bump updatedAt and send products/update (also for the app's own writes: the echo). */
  productsChanged(
    domain: string,
    productIds: Iterable<string>,
    now = this.clock.iso(),
  ): void {
    const shop = this.shop(domain);
    for (const id of new Set(productIds)) {
      const product = shop.products.get(id);
      if (!product) continue;
      product.updatedAt = now;
      this.webhooks.emitProduct(domain, "products/update", product);
    }
  }

  // ── lifecycle ──────────────────────────────────────────────────────────────────────────────────────────

  /** Runs `task` after `ms`, tracked so `idle()` can wait for it and `close()` can cancel it. */
  later(ms: number, task: () => unknown): void {
    this.tasks.later(ms, task);
  }

  track<T>(promise: Promise<T>): Promise<T> {
    return this.tasks.track(promise);
  }

  /** Resolves when no processing, bulk operation or webhook delivery is scheduled or running. */
  idle(): Promise<void> {
    return this.tasks.idle();
  }

  close(): void {
    this.tasks.cancelAll();
    this.webhooks.close();
  }

  /** Answers one HTTP request addressed to Shopify (Admin API, OAuth, staged uploads, CDN, storefront). */
  handle(request: Request): Promise<Response> {
    return handleRequest(this, request);
  }

  /** A fetch that sends Shopify-bound requests to this emulator and everything else to `fallback`. */
  fetchFor(
    fallback: typeof fetch = globalThis.fetch.bind(globalThis),
  ): typeof fetch {
    return async (input, init) => {
      const request = new Request(input, init);
      return isShopifyHost(new URL(request.url).hostname)
        ? this.handle(request)
        : fallback(request);
    };
  }

  snapshot(): {
    ids: number;
    shops: ShopSnapshot[];
    blobs: Record<string, string>;
  } {
    return {
      ids: this.ids.state(),
      shops: [...this.shops.values()].map(snapshotShop),
      blobs: Object.fromEntries(
        [...this.blobs].map(([key, bytes]) => [key, bytes.toString("base64")]),
      ),
    };
  }

  loadSnapshot(snapshot: ReturnType<ShopifyEmulator["snapshot"]>): void {
    this.ids.restore(snapshot.ids);
    for (const saved of snapshot.shops) {
      const shop = restoreShop(saved);
      ensureShopDefaults(shop, () => this.ids.take());
      this.shops.set(shop.info.domain, shop);
    }
    for (const [key, base64] of Object.entries(snapshot.blobs))
      this.blobs.set(key, Buffer.from(base64, "base64"));
  }
}
