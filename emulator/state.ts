// The emulator's per-shop state: plain records, kept in memory, optionally saved as a JSON snapshot.
import { createHash } from "node:crypto";

export type ProductStatus = "ACTIVE" | "DRAFT" | "ARCHIVED";
export type FileStatus = "UPLOADED" | "PROCESSING" | "READY" | "FAILED";
export type FileKind = "MediaImage" | "Video" | "GenericFile";

export interface OptionRecord {
  id: string;
  name: string;
  position: number;
  values: string[];
}

export interface ProductRecord {
  id: string;
  title: string;
  handle: string;
  descriptionHtml: string;
  productType: string;
  vendor: string;
  tags: string[];
  status: ProductStatus;
  categoryId: string | null;
  options: OptionRecord[];
  variantIds: string[];
  /** Product gallery, in order (file ids; a MediaImage's file id is its media id). */
  mediaIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface VariantRecord {
  id: string;
  productId: string;
  title: string;
  sku: string | null;
  barcode: string | null;
  price: string;
  compareAtPrice: string | null;
  position: number;
  inventoryQuantity: number;
  selectedOptions: { name: string; value: string }[];
  /** Shopify allows one media per variant. */
  mediaIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface MediaErrorRecord {
  code: string;
  message: string;
  details: string | null;
}

/** A version of a file's content that finished processing and is served by the CDN. */
export interface FileContent {
  blobKey: string;
  mimeType: string;
  width: number | null;
  height: number | null;
  size: number;
  /** The `?v=` cache-buster of the CDN URL; changes when the content is replaced. */
  version: number;
}

export interface FileRecord {
  id: string;
  kind: FileKind;
  filename: string;
  alt: string;
  status: FileStatus;
  /** The content shoppers see (null until the first processing succeeds). */
  ready: FileContent | null;
  /** Content being processed (after fileCreate or a fileUpdate replacement). */
  pendingBlobKey: string | null;
  pendingMimeType: string | null;
  errors: MediaErrorRecord[];
  /** Products whose gallery shows the file. */
  productIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface MetafieldDefinitionRecord {
  id: string;
  namespace: string;
  key: string;
  name: string;
  description: string | null;
  type: string;
  ownerType: string;
  adminAccess: string | null;
  storefrontAccess: string;
  validations: { name: string; value: string | null }[];
  pinnedPosition: number | null;
  createdAt: string;
}

export interface MetafieldRecord {
  id: string;
  ownerId: string;
  ownerType: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
  createdAt: string;
  updatedAt: string;
}

export type BulkStatus =
  | "CREATED"
  | "RUNNING"
  | "COMPLETED"
  | "FAILED"
  | "CANCELING"
  | "CANCELED"
  | "EXPIRED";

export interface BulkOperationRecord {
  id: string;
  query: string;
  status: BulkStatus;
  errorCode: string | null;
  objectCount: number;
  rootObjectCount: number;
  fileSize: number | null;
  blobKey: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface StagedUploadRecord {
  /** The path part of the target URL, also the upload's `key` parameter. */
  key: string;
  filename: string;
  mimeType: string;
  resource: string;
  blobKey: string | null;
}

export interface ShopInfo {
  domain: string;
  name: string;
  currencyCode: string;
  ianaTimezone: string;
  planDisplayName: string;
  shopifyPlus: boolean;
  locales: { locale: string; primary: boolean; published: boolean }[];
}

export interface TokenRecord {
  accessToken: string;
  scope: string;
  expiresAt: number | null;
  refreshToken: string | null;
  refreshTokenExpiresAt: number | null;
  online: boolean;
}

export interface ShopState {
  info: ShopInfo;
  products: Map<string, ProductRecord>;
  variants: Map<string, VariantRecord>;
  files: Map<string, FileRecord>;
  definitions: Map<string, MetafieldDefinitionRecord>;
  metafields: Map<string, MetafieldRecord>;
  bulkOperations: Map<string, BulkOperationRecord>;
  stagedUploads: Map<string, StagedUploadRecord>;
  tokens: Map<string, TokenRecord>;
}

export function emptyShop(info: ShopInfo): ShopState {
  return {
    info,
    products: new Map(),
    variants: new Map(),
    files: new Map(),
    definitions: new Map(),
    metafields: new Map(),
    bulkOperations: new Map(),
    stagedUploads: new Map(),
    tokens: new Map(),
  };
}

/** Shopify-looking numeric ids: large, increasing, unique per emulator. */
export class IdSequence {
  private next = 0;
  constructor(private readonly base = 8_100_000_000_000) {}
  take(): number {
    this.next += 1;
    return this.base + this.next;
  }
  state(): number {
    return this.next;
  }
  restore(next: number): void {
    this.next = next;
  }
}

export function gid(type: string, id: number): string {
  return `gid://shopify/${type}/${id}`;
}

export function parseGid(value: string): { type: string; id: number } | null {
  const match = /^gid:\/\/shopify\/(\w+)\/(\d+)$/.exec(value);
  return match ? { type: match[1]!, id: Number(match[2]) } : null;
}

/** Shopify's compareDigest is opaque; ours changes whenever the value or type changes. */
export function metafieldDigest(record: MetafieldRecord): string {
  return createHash("sha256")
    .update(`${record.type}\u0000${record.value}\u0000${record.updatedAt}`)
    .digest("hex");
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Snapshot form: Maps become arrays of records. */
export interface ShopSnapshot {
  info: ShopInfo;
  products: ProductRecord[];
  variants: VariantRecord[];
  files: FileRecord[];
  definitions: MetafieldDefinitionRecord[];
  metafields: MetafieldRecord[];
  bulkOperations: BulkOperationRecord[];
  stagedUploads: StagedUploadRecord[];
  tokens: TokenRecord[];
}

export function snapshotShop(shop: ShopState): ShopSnapshot {
  return {
    info: shop.info,
    products: [...shop.products.values()],
    variants: [...shop.variants.values()],
    files: [...shop.files.values()],
    definitions: [...shop.definitions.values()],
    metafields: [...shop.metafields.values()],
    bulkOperations: [...shop.bulkOperations.values()],
    stagedUploads: [...shop.stagedUploads.values()],
    tokens: [...shop.tokens.values()],
  };
}

export function restoreShop(snapshot: ShopSnapshot): ShopState {
  const byId = <T extends { id: string }>(records: T[]) =>
    new Map(records.map((r) => [r.id, r]));
  return {
    info: snapshot.info,
    products: byId(snapshot.products),
    variants: byId(snapshot.variants),
    files: byId(snapshot.files),
    definitions: byId(snapshot.definitions),
    metafields: byId(snapshot.metafields),
    bulkOperations: byId(snapshot.bulkOperations),
    stagedUploads: new Map(snapshot.stagedUploads.map((u) => [u.key, u])),
    tokens: new Map(snapshot.tokens.map((t) => [t.accessToken, t])),
  };
}
