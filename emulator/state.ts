// The emulator's per-shop state: plain records, kept in memory, optionally saved as a JSON snapshot.
import { createHash } from "node:crypto";
import type { MarketRecord, WebPresenceRecord } from "./markets";
import type {
  MetaobjectDefinitionRecord,
  MetaobjectRecord,
} from "./metaobjects";
import type {
  PublicationRecord,
  ResourcePublicationRecord,
} from "./publications";
import type { TranslationRecord } from "./translations";

/** UNLISTED (2025-10 and up): active, but only reachable by a direct link (schema's ProductStatus). */
export type ProductStatus = "ACTIVE" | "DRAFT" | "ARCHIVED" | "UNLISTED";
export type FileStatus = "UPLOADED" | "PROCESSING" | "READY" | "FAILED";
export type FileKind = "MediaImage" | "Video" | "Model3d" | "GenericFile";

export interface OptionValueRecord {
  id: string;
  name: string;
  /** A metaobject id when the option is linked to a metafield (metafield-linked options). */
  linkedMetafieldValue: string | null;
}

export interface OptionRecord {
  id: string;
  name: string;
  position: number;
  /** The value names, in order (kept in step with `optionValues`). */
  values: string[];
  /** The values with their ids; filled on first use for records saved before option values had ids. */
  optionValues?: OptionValueRecord[];
  /** The product metafield the option is linked to (`ProductOption.linkedMetafield`). */
  linkedMetafield?: { namespace: string; key: string } | null;
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
  /** Where the product is published (absent in records saved before publications were modelled). */
  publications?: ResourcePublicationRecord[];
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
  /** Videos: duration in milliseconds. */
  durationMs?: number | null;
  /** Videos and 3D models: the preview image Shopify generates (a blob, JPEG). */
  preview?: { blobKey: string; width: number; height: number } | null;
  /** 3D models: the bounding box's size in meters. */
  boundingBox?: { x: number; y: number; z: number } | null;
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
  /** Absent in records saved before bulk mutations: QUERY. */
  type?: "QUERY" | "MUTATION";
  /** The query, or for a bulk mutation the mutation document. */
  query: string;
  clientIdentifier?: string | null;
  /** A bulk mutation's staged variables file (its `stagedUploadPath`). */
  stagedUploadPath?: string | null;
  /** FAILED after writing some results: they are served at `partialDataUrl` instead of `url`. */
  partial?: boolean;
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
  /** Declared size (required for VIDEO and MODEL_3D). */
  fileSize?: number | null;
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
  publications: Map<string, PublicationRecord>;
  translations: TranslationRecord[];
  markets: Map<string, MarketRecord>;
  webPresences: Map<string, WebPresenceRecord>;
  metaobjectDefinitions: Map<string, MetaobjectDefinitionRecord>;
  metaobjects: Map<string, MetaobjectRecord>;
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
    publications: new Map(),
    translations: [],
    markets: new Map(),
    webPresences: new Map(),
    metaobjectDefinitions: new Map(),
    metaobjects: new Map(),
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
  // Absent in snapshots written before these were modelled.
  publications?: PublicationRecord[];
  translations?: TranslationRecord[];
  markets?: MarketRecord[];
  webPresences?: WebPresenceRecord[];
  metaobjectDefinitions?: MetaobjectDefinitionRecord[];
  metaobjects?: MetaobjectRecord[];
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
    publications: [...shop.publications.values()],
    translations: shop.translations,
    markets: [...shop.markets.values()],
    webPresences: [...shop.webPresences.values()],
    metaobjectDefinitions: [...shop.metaobjectDefinitions.values()],
    metaobjects: [...shop.metaobjects.values()],
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
    publications: byId(snapshot.publications ?? []),
    translations: snapshot.translations ?? [],
    markets: byId(snapshot.markets ?? []),
    webPresences: byId(snapshot.webPresences ?? []),
    metaobjectDefinitions: byId(snapshot.metaobjectDefinitions ?? []),
    metaobjects: byId(snapshot.metaobjects ?? []),
  };
}
