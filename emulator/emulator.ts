// The store emulator: Shopify's Admin API 2026-10 for the app's tests, the demo and e2e runs. It answers the
// real schema, enforces Shopify's documented rules (costs, throttling, media states, file replacement,
// metafield limits) and sends signed webhooks. See README "Store emulator".
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { EmulatorClock } from "./clock";
import { LeakyBucket } from "./cost";
import { seededRandom, type Faults } from "./faults";
import { handleRequest } from "./http-handler";
import { addDefaultMarkets } from "./markets";
import { processContent } from "./media/process";
import { addDefaultPublications, publishEverywhere } from "./publications";
import {
  emptyShop,
  gid,
  IdSequence,
  parseGid,
  restoreShop,
  snapshotShop,
  type FileKind,
  type FileRecord,
  type ShopInfo,
  type ShopSnapshot,
  type ShopState,
} from "./state";
import { WebhookDispatcher, type WebhookOptions } from "./webhooks";

export const STAGED_UPLOADS_HOST =
  "shopify-staged-uploads.storage.googleapis.com";
export const CDN_HOST = "cdn.shopify.com";
export const BULK_RESULTS_HOST = "storage.googleapis.com";
/** Shopify's product-media limits: https://shopify.dev/docs/apps/build/online-store/product-media */
export {
  MAX_IMAGE_BYTES,
  MAX_IMAGE_PIXELS,
  MAX_IMAGE_SIDE,
} from "./media/process";

export interface EmulatorOptions {
  /** The app's client id and secret: token exchange checks them, webhooks are signed with the secret. */
  apiKey: string;
  apiSecret: string;
  /** The app's URL: webhooks go to its subscribed paths and /__emulator/admin opens it. */
  appUrl?: string;
  /** The app's numeric id; `$app` namespaces expand to `app--{appId}`. */
  appId?: number;
  /** UPLOADED → PROCESSING → READY|FAILED takes this long (0 in unit tests). Default 300 ms. */
  mediaProcessingMs?: number;
  /** CREATED → RUNNING → COMPLETED of a bulk operation. Default 200 ms. */
  bulkOperationMs?: number;
  /** Extra time a bulk mutation spends per JSONL line (Shopify does not document its rate). Default 0. */
  bulkMutationLineMs?: number;
  /** The leaky bucket of each shop. Default Standard plan: 2000 points, 100 per second. */
  throttle?: { maximumAvailable: number; restoreRate: number };
  webhooks?: WebhookOptions;
  /** Seed of the fault-injection randomness. */
  seed?: number;
  /** Fetch used to download `originalSource` URLs that are not staged uploads (the app's own file URLs). */
  externalFetch?: typeof fetch;
}

export interface AccessTokenOptions {
  token?: string;
  scope?: string;
  /** Seconds until the token expires; omitted → never (a non-expiring offline token). */
  expiresIn?: number;
}

const STANDARD_PLAN = { maximumAvailable: 2000, restoreRate: 100 };

/** Every new shop's languages: English (primary) and French, published. */
const defaultLocales = (): ShopState["info"]["locales"] => [
  { locale: "en", primary: true, published: true },
  { locale: "fr", primary: false, published: true },
];

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
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly pending = new Set<Promise<unknown>>();
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
    const name = domain.replace(/\.myshopify\.com$/, "");
    const shop = emptyShop({
      domain,
      name:
        info.name ??
        name.replace(/-/g, " ").replace(/\b\w/g, (c) => c.toUpperCase()),
      currencyCode: info.currencyCode ?? "EUR",
      ianaTimezone: info.ianaTimezone ?? "Europe/Paris",
      planDisplayName: info.planDisplayName ?? "Shopify",
      shopifyPlus: info.shopifyPlus ?? false,
      locales: info.locales ?? defaultLocales(),
    });
    this.ensureShopDefaults(shop);
    this.shops.set(domain, shop);
    return shop;
  }

  /**
   * What every Shopify shop has: its sales channels' publications, markets and a web presence. Snapshots saved
   * before these were modelled get them too, with their ACTIVE products published everywhere (as the merchant's
   * existing catalogue would be).
   */
  private ensureShopDefaults(shop: ShopState): void {
    const next = () => this.ids.take();
    // Shopify never answers `shopLocales: []`: a shop always has its primary locale. Snapshots saved before
    // locales were modelled get the demo shop's English and published French.
    if (!shop.info.locales?.length) shop.info.locales = defaultLocales();
    const hadPublications = shop.publications.size > 0;
    addDefaultPublications(shop, next);
    addDefaultMarkets(shop, next);
    if (hadPublications) return;
    for (const product of shop.products.values())
      if (product.publications === undefined && product.status === "ACTIVE")
        publishEverywhere(shop, product, product.createdAt);
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
        "read_products,write_products,read_files,write_files,read_locales",
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

  cdnPath(domain: string, filename: string): string {
    const digits = String(this.shopNumber(domain)).padStart(12, "0");
    return `/s/files/1/${digits.slice(0, 4)}/${digits.slice(4, 8)}/${digits.slice(8)}/files/${encodeURIComponent(filename)}`;
  }

  /** The CDN URL shoppers load for a file's current content; null until it has been processed once. */
  fileUrl(domain: string, file: FileRecord): string | null {
    if (!file.ready) return null;
    return `https://${CDN_HOST}${this.cdnPath(domain, file.filename)}?v=${file.ready.version}`;
  }

  /** The CDN URL of a video's or 3D model's generated preview image; null until processed. */
  previewUrl(domain: string, file: FileRecord): string | null {
    if (!file.ready?.preview) return null;
    const base = this.cdnPath(domain, file.filename).replace(
      /\/files\/[^/]+$/,
      `/files/preview_images/${encodeURIComponent(file.filename)}.jpg`,
    );
    return `https://${CDN_HOST}${base}?v=${file.ready.version}`;
  }

  /** What the CDN serves at a path: a file's processed content or a media preview image. */
  cdnContent(path: string): { blobKey: string; mimeType: string } | null {
    const preview = /^(.*\/files)\/preview_images\/([^/]+)\.jpg$/.exec(path);
    if (preview) {
      const found = this.fileByCdnPath(`${preview[1]}/${preview[2]}`);
      const image = found?.file.ready?.preview;
      return image ? { blobKey: image.blobKey, mimeType: "image/jpeg" } : null;
    }
    const found = this.fileByCdnPath(path);
    return found?.file.ready
      ? {
          blobKey: found.file.ready.blobKey,
          mimeType: found.file.ready.mimeType,
        }
      : null;
  }

  /** Finds the file whose CDN path this is. */
  fileByCdnPath(path: string): { domain: string; file: FileRecord } | null {
    for (const [domain, shop] of this.shops) {
      for (const file of shop.files.values()) {
        if (this.cdnPath(domain, file.filename) === path)
          return { domain, file };
      }
    }
    return null;
  }

  // ── files and media processing ─────────────────────────────────────────────────────────────────────────

  /** A new file record whose content will be fetched from `source` and processed asynchronously. */
  createFile(
    domain: string,
    input: {
      source: string;
      filename: string;
      alt: string;
      kind: FileKind;
      now: string;
    },
  ): FileRecord {
    const shop = this.shop(domain);
    const file: FileRecord = {
      id: gid(input.kind, this.ids.take()),
      kind: input.kind,
      filename: this.uniqueFilename(shop, input.filename),
      alt: input.alt,
      status: "UPLOADED",
      ready: null,
      pendingBlobKey: null,
      pendingMimeType: null,
      errors: [],
      productIds: [],
      createdAt: input.now,
      updatedAt: input.now,
    };
    shop.files.set(file.id, file);
    this.process(domain, file, input.source);
    return file;
  }

  /** Replaces a READY file's content in place (fileUpdate with originalSource): same id, same URL path. */
  replaceFileContent(
    domain: string,
    file: FileRecord,
    source: string,
    now: string,
  ): void {
    file.status = "UPLOADED";
    file.errors = [];
    file.updatedAt = now;
    this.process(domain, file, source);
  }

  uniqueFilename(shop: ShopState, filename: string): string {
    const taken = new Set([...shop.files.values()].map((f) => f.filename));
    if (!taken.has(filename)) return filename;
    const dot = filename.lastIndexOf(".");
    const [stem, extension] =
      dot > 0 ? [filename.slice(0, dot), filename.slice(dot)] : [filename, ""];
    return `${stem}_${randomUUID()}${extension}`;
  }

  private process(domain: string, file: FileRecord, source: string): void {
    const half = Math.floor(this.mediaProcessingMs / 2);
    this.later(half, () => {
      if (file.status === "UPLOADED") file.status = "PROCESSING";
    });
    this.later(this.mediaProcessingMs, () =>
      this.finishProcessing(domain, file, source),
    );
  }

  private async finishProcessing(
    domain: string,
    file: FileRecord,
    source: string,
  ): Promise<void> {
    const shop = this.shops.get(domain);
    if (!shop?.files.has(file.id)) return; // deleted meanwhile
    const fail = (code: string, message: string) => {
      file.status = "FAILED";
      file.errors = [{ code, message, details: null }];
    };
    const faults = this.faultsFor(domain);
    const bytes = await this.download(domain, source);
    if (faults.failMedia && faults.failMedia > 0) {
      faults.failMedia -= 1;
      fail("MEDIA_TIMEOUT_ERROR", "Media processing failed (injected fault).");
    } else if (!bytes) {
      fail(
        file.kind === "MediaImage"
          ? "IMAGE_DOWNLOAD_FAILURE"
          : "GENERIC_FILE_DOWNLOAD_FAILURE",
        `Could not download ${source}`,
      );
    } else {
      const result = await processContent(
        file.kind,
        bytes,
        file.pendingMimeType,
        (b) => this.putBlob(b),
      );
      if (!result.ok) fail(result.code, result.message);
      else {
        file.status = "READY";
        file.errors = [];
        file.ready = { ...result.content, version: this.nextVersion(file) };
      }
    }
    file.updatedAt = this.clock.iso();
    if (file.productIds.length) this.productsChanged(domain, file.productIds);
  }

  private nextVersion(file: FileRecord): number {
    // Seconds since the epoch, like Shopify's ?v=; strictly increasing per file.
    return Math.max(
      Math.floor(this.clock.now() / 1000),
      (file.ready?.version ?? 0) + 1,
    );
  }

  /** The bytes behind an originalSource URL: a staged upload, one of our CDN files, or a download. */
  private async download(
    domain: string,
    source: string,
  ): Promise<Buffer | null> {
    let url: URL;
    try {
      url = new URL(source);
    } catch {
      return null;
    }
    if (url.hostname === STAGED_UPLOADS_HOST) {
      const upload = this.shop(domain).stagedUploads.get(
        decodeURIComponent(url.pathname.slice(1)),
      );
      return upload?.blobKey ? (this.blobs.get(upload.blobKey) ?? null) : null;
    }
    if (url.hostname === CDN_HOST) {
      const found = this.fileByCdnPath(url.pathname);
      return found?.file.ready
        ? (this.blobs.get(found.file.ready.blobKey) ?? null)
        : null;
    }
    try {
      const response = await this.externalFetch(source);
      return response.ok ? Buffer.from(await response.arrayBuffer()) : null;
    } catch {
      return null;
    }
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
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.track(Promise.resolve().then(task));
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    void promise
      .finally(() => this.pending.delete(promise))
      .catch(() => undefined);
    return promise;
  }

  /** Resolves when no processing, bulk operation or webhook delivery is scheduled or running. */
  async idle(): Promise<void> {
    while (this.timers.size > 0 || this.pending.size > 0) {
      await Promise.allSettled([...this.pending]);
      if (this.timers.size > 0)
        await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
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
      this.ensureShopDefaults(shop);
      this.shops.set(shop.info.domain, shop);
    }
    for (const [key, base64] of Object.entries(snapshot.blobs))
      this.blobs.set(key, Buffer.from(base64, "base64"));
  }

  /** Looks a global id up in a shop, for node/nodes and reference checks. */
  findNode(
    shop: ShopState,
    id: string,
  ): { type: string; record: unknown } | null {
    const parsed = parseGid(id);
    if (!parsed) return null;
    const record =
      shop.products.get(id) ??
      shop.variants.get(id) ??
      shop.files.get(id) ??
      shop.metafields.get(id) ??
      shop.definitions.get(id) ??
      shop.bulkOperations.get(id) ??
      shop.publications.get(id) ??
      shop.markets.get(id) ??
      shop.webPresences.get(id) ??
      shop.metaobjects.get(id) ??
      shop.metaobjectDefinitions.get(id);
    return record ? { type: parsed.type, record } : null;
  }
}

export function isShopifyHost(hostname: string): boolean {
  return (
    hostname.endsWith(".myshopify.com") ||
    hostname === STAGED_UPLOADS_HOST ||
    hostname === CDN_HOST ||
    hostname === BULK_RESULTS_HOST
  );
}
