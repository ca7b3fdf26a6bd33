// A shop saved as JSON and loaded back: Maps become arrays of records.
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
import type { MarketRecord, WebPresenceRecord } from "./markets";
import type {
  MetaobjectDefinitionRecord,
  MetaobjectRecord,
} from "./metaobjects";
import type { CatalogRecord, PriceListRecord } from "./price-lists";
import type { PublicationRecord } from "./publications";
import type { ShopState } from "./state";
import type { TranslationRecord } from "./translations";

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
  catalogs?: CatalogRecord[];
  priceLists?: PriceListRecord[];
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
    catalogs: [...shop.catalogs.values()],
    priceLists: [...shop.priceLists.values()],
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
    catalogs: byId(snapshot.catalogs ?? []),
    priceLists: byId(snapshot.priceLists ?? []),
  };
}
