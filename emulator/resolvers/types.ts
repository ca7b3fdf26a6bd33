// Field resolvers of the object types the emulator implements. A field without a resolver here is read from
// the record when the record has a property of that name; anything else fails loudly (see graphql-execute.ts).
// Files and media live in file-types.ts, metafields in metafield-types.ts.
import { connection, type ConnectionArgs } from "../connection";
import { matchesSearch, parseSearch } from "../search";
import {
  parseGid,
  type BulkOperationRecord,
  type ProductRecord,
  type VariantRecord,
} from "../state";
import { TAXONOMY } from "../taxonomy";
import type { ResolverContext, ResolverMap } from "./context";
import { fileTypeResolvers, mediaContentType, mediaFiles } from "./file-types";
import {
  metafieldResolver,
  metafieldsResolver,
  metafieldTypeResolvers,
} from "./metafield-types";

const legacyId = (record: { id: string }) => String(parseGid(record.id)!.id);
const count = (n: number) => ({ count: n, precision: "EXACT" });

export const typeResolvers: ResolverMap = {
  ...fileTypeResolvers,
  ...metafieldTypeResolvers,
  Shop: {
    id: (shop: ResolverContext["shop"]["info"], _args, ctx) =>
      `gid://shopify/Shop/${ctx.emulator.shopNumber(shop.domain)}`,
    myshopifyDomain: (shop: ResolverContext["shop"]["info"]) => shop.domain,
    plan: (shop: ResolverContext["shop"]["info"]) => ({
      publicDisplayName: shop.planDisplayName,
      shopifyPlus: shop.shopifyPlus,
      partnerDevelopment: false,
    }),
  },
  ShopLocale: {
    name: (locale: { locale: string }) =>
      new Intl.DisplayNames(["en"], { type: "language" }).of(locale.locale) ??
      locale.locale,
  },
  Product: {
    legacyResourceId: legacyId,
    description: (p: ProductRecord) =>
      p.descriptionHtml.replace(/<[^>]+>/g, ""),
    hasOnlyDefaultVariant: (p: ProductRecord) =>
      p.options.length === 1 && p.options[0]!.name === "Title",
    totalInventory: (p: ProductRecord, _args, ctx) =>
      p.variantIds.reduce(
        (sum, id) => sum + (ctx.shop.variants.get(id)?.inventoryQuantity ?? 0),
        0,
      ),
    category: (p: ProductRecord) =>
      p.categoryId ? categoryView(p.categoryId) : null,
    variants: (p: ProductRecord, args, ctx) =>
      connection(
        p.variantIds.map((id) => ctx.shop.variants.get(id)!),
        args as ConnectionArgs,
        ctx.bulk,
      ),
    variantsCount: (p: ProductRecord) => count(p.variantIds.length),
    media: (p: ProductRecord, args, ctx) => {
      const query = parseSearch(args.query as string | undefined);
      const files = mediaFiles(ctx, p.mediaIds).filter((f) =>
        matchesSearch(f, query, (file, field) =>
          field === "media_type" ? mediaContentType(file) : file.filename,
        ),
      );
      return connection(files, args as ConnectionArgs, ctx.bulk);
    },
    mediaCount: (p: ProductRecord) => count(p.mediaIds.length),
    featuredMedia: (p: ProductRecord, _args, ctx) =>
      mediaFiles(ctx, p.mediaIds)[0] ?? null,
    metafield: metafieldResolver,
    metafields: metafieldsResolver,
    seo: () => ({ title: null, description: null }),
  },
  ProductVariant: {
    legacyResourceId: legacyId,
    product: (v: VariantRecord, _args, ctx) =>
      ctx.shop.products.get(v.productId),
    displayName: (v: VariantRecord, _args, ctx) =>
      `${ctx.shop.products.get(v.productId)?.title ?? ""} - ${v.title}`,
    availableForSale: (v: VariantRecord) => v.inventoryQuantity > 0,
    taxable: () => true,
    media: (v: VariantRecord, args, ctx) =>
      connection(mediaFiles(ctx, v.mediaIds), args as ConnectionArgs, ctx.bulk),
    metafield: metafieldResolver,
    metafields: metafieldsResolver,
  },
  BulkOperation: {
    type: () => "QUERY",
    url: (op: BulkOperationRecord) =>
      op.blobKey
        ? `https://storage.googleapis.com/shopify-tiff/bulk-operation-outputs/${parseGid(op.id)!.id}.jsonl`
        : null,
    partialDataUrl: () => null,
    objectCount: (op: BulkOperationRecord) => String(op.objectCount),
    rootObjectCount: (op: BulkOperationRecord) => String(op.rootObjectCount),
    fileSize: (op: BulkOperationRecord) =>
      op.fileSize === null ? null : String(op.fileSize),
  },
  AppInstallation: {
    app: (_installation: unknown, _args, ctx) => ({
      id: `gid://shopify/App/${ctx.emulator.appId}`,
      title: "Vitrine",
      apiKey: ctx.emulator.apiKey,
      handle: "vitrine",
    }),
  },
};

/** The TaxonomyCategory object for one of the categories the emulator knows. */
export function categoryView(id: string) {
  const category = TAXONOMY[id];
  const short = id.replace("gid://shopify/TaxonomyCategory/", "");
  const parts = short.split("-");
  const ancestorIds = parts
    .slice(1)
    .map(
      (_, i) =>
        `gid://shopify/TaxonomyCategory/${parts.slice(0, i + 1).join("-")}`,
    );
  return {
    id,
    name: category?.split(" > ").at(-1) ?? short,
    fullName: category ?? short,
    level: parts.length,
    isLeaf: true,
    isRoot: parts.length === 1,
    isArchived: false,
    parentId: ancestorIds.at(-1) ?? null,
    ancestorIds,
    childrenIds: [],
  };
}
