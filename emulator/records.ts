// The records a shop holds, as the resolvers read and write them (and snapshots save them).
import type { ResourcePublicationRecord } from "./publications";

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
