// The emulator's per-shop state: plain records, kept in memory, optionally saved as a JSON snapshot.
// The records are defined in records.ts, ids and GIDs in ids.ts, snapshots in shop-snapshot.ts; this module
// re-exports them so the rest of the emulator imports state from one place.
import type { MarketRecord, WebPresenceRecord } from "./markets";
import type {
  MetaobjectDefinitionRecord,
  MetaobjectRecord,
} from "./metaobjects";
import type { CatalogRecord, PriceListRecord } from "./price-lists";
import type { PublicationRecord } from "./publications";
import type {
  BulkOperationRecord,
  FileRecord,
  MetafieldDefinitionRecord,
  MetafieldRecord,
  ProductRecord,
  ShopInfo,
  StagedUploadRecord,
  TokenRecord,
  VariantRecord,
} from "./records";
import type { TranslationRecord } from "./translations";

export * from "./ids";
export * from "./records";
export * from "./shop-snapshot";

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
  catalogs: Map<string, CatalogRecord>;
  priceLists: Map<string, PriceListRecord>;
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
    catalogs: new Map(),
    priceLists: new Map(),
  };
}
