// Field resolvers of the object types the emulator implements. A field without a resolver here is read from
// the record when the record has a property of that name; anything else fails loudly (see graphql.ts).
import { connection, type ConnectionArgs } from "../connection";
import { matchesSearch, parseSearch } from "../search";
import {
  metafieldDigest,
  parseGid,
  type BulkOperationRecord,
  type FileRecord,
  type MetafieldDefinitionRecord,
  type MetafieldRecord,
  type ProductRecord,
  type VariantRecord,
} from "../state";
import { TAXONOMY } from "../taxonomy";
import { expandNamespace, jsonValue } from "../values";
import type { Args, ResolverContext, ResolverMap } from "./context";
import { findNode } from "../nodes";

const legacyId = (record: { id: string }) => String(parseGid(record.id)!.id);
const count = (n: number) => ({ count: n, precision: "EXACT" });

export function ownerMetafields(
  ctx: ResolverContext,
  ownerId: string,
): MetafieldRecord[] {
  return [...ctx.shop.metafields.values()].filter((m) => m.ownerId === ownerId);
}

function metafieldResolver(
  source: { id: string },
  args: Args,
  ctx: ResolverContext,
) {
  const namespace = expandNamespace(
    args.namespace as string | undefined,
    ctx.emulator.appId,
  );
  return (
    ownerMetafields(ctx, source.id).find(
      (m) => m.namespace === namespace && m.key === args.key,
    ) ?? null
  );
}

function metafieldsResolver(
  source: { id: string },
  args: Args,
  ctx: ResolverContext,
) {
  let list = ownerMetafields(ctx, source.id);
  if (args.namespace) {
    const namespace = expandNamespace(
      args.namespace as string,
      ctx.emulator.appId,
    );
    list = list.filter((m) => m.namespace === namespace);
  }
  if (Array.isArray(args.keys)) {
    const keys = (args.keys as string[]).map((k) => {
      const dot = k.lastIndexOf(".");
      return `${expandNamespace(k.slice(0, dot), ctx.emulator.appId)}.${k.slice(dot + 1)}`;
    });
    list = list.filter((m) => keys.includes(`${m.namespace}.${m.key}`));
  }
  return connection(list, args as ConnectionArgs, ctx.bulk);
}

function mediaFiles(ctx: ResolverContext, ids: string[]): FileRecord[] {
  return ids
    .map((id) => ctx.shop.files.get(id))
    .filter((f): f is FileRecord => f !== undefined);
}

export function mediaContentType(file: FileRecord): string {
  return file.kind === "MediaImage"
    ? "IMAGE"
    : file.kind === "Video"
      ? "VIDEO"
      : file.kind === "Model3d"
        ? "MODEL_3D"
        : "FILE";
}

export function imageView(ctx: ResolverContext, file: FileRecord) {
  // MediaImage.image "Returns null until status is READY" (schema); the URL keeps its path across replacements.
  if (file.status !== "READY" || !file.ready) return null;
  return {
    id: file.id.replace("MediaImage", "ImageSource"),
    url: ctx.emulator.fileUrl(ctx.domain, file),
    width: file.ready.width,
    height: file.ready.height,
    altText: file.alt || null,
    thumbhash: null,
  };
}

export const fileCommon = {
  fileStatus: (file: FileRecord) => file.status,
  fileErrors: (file: FileRecord) =>
    file.errors.map((e) => ({ ...e, code: "UNKNOWN" })),
  mediaErrors: (file: FileRecord) => file.errors,
  mediaWarnings: () => [],
  mediaContentType,
  preview: (file: FileRecord, _args: Args, ctx: ResolverContext) => ({
    status:
      file.status === "READY"
        ? "READY"
        : file.status === "FAILED"
          ? "FAILED"
          : "PROCESSING",
    image: file.kind === "MediaImage" ? imageView(ctx, file) : null,
  }),
  alt: (file: FileRecord) => file.alt || null,
};

export const typeResolvers: ResolverMap = {
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
  MediaImage: {
    ...fileCommon,
    image: (file: FileRecord, _args, ctx) => imageView(ctx, file),
    mimeType: (file: FileRecord) =>
      file.ready?.mimeType ?? file.pendingMimeType,
    originalSource: (file: FileRecord, _args, ctx) =>
      file.ready
        ? {
            url: ctx.emulator.fileUrl(ctx.domain, file),
            fileSize: file.ready.size,
          }
        : null,
  },
  GenericFile: {
    ...fileCommon,
    url: (file: FileRecord, _args, ctx) =>
      file.status === "READY" ? ctx.emulator.fileUrl(ctx.domain, file) : null,
    mimeType: (file: FileRecord) =>
      file.ready?.mimeType ?? file.pendingMimeType,
    originalFileSize: (file: FileRecord) => file.ready?.size ?? null,
  },
  Image: {
    url: (image: { url: string }, args) => {
      const transform = args.transform as
        { maxWidth?: number; maxHeight?: number } | undefined;
      if (!transform) return image.url;
      const url = new URL(image.url);
      if (transform.maxWidth)
        url.searchParams.set("width", String(transform.maxWidth));
      if (transform.maxHeight)
        url.searchParams.set("height", String(transform.maxHeight));
      return url.toString();
    },
  },
  Metafield: {
    legacyResourceId: legacyId,
    jsonValue: (m: MetafieldRecord) => jsonValue(m.type, m.value),
    compareDigest: (m: MetafieldRecord) => metafieldDigest(m),
    owner: (m: MetafieldRecord, _args, ctx) =>
      findNode(ctx.shop, m.ownerId)?.record ?? null,
    definition: (m: MetafieldRecord, _args, ctx) =>
      [...ctx.shop.definitions.values()].find(
        (d) =>
          d.namespace === m.namespace &&
          d.key === m.key &&
          d.ownerType === m.ownerType,
      ) ?? null,
    reference: (m: MetafieldRecord, _args, ctx) =>
      m.type.endsWith("_reference") && !m.type.startsWith("list.")
        ? (findNode(ctx.shop, m.value)?.record ?? null)
        : null,
    references: (m: MetafieldRecord, args, ctx) => {
      if (!m.type.startsWith("list.") || !m.type.endsWith("_reference"))
        return null;
      const ids = JSON.parse(m.value) as string[];
      const records = ids
        .map((id) => findNode(ctx.shop, id)?.record)
        .filter(Boolean) as { id: string }[];
      return connection(records, args as ConnectionArgs, ctx.bulk);
    },
    sizeInBytes: (m: MetafieldRecord) => Buffer.byteLength(m.value, "utf8"),
  },
  MetafieldDefinition: {
    type: (d: MetafieldDefinitionRecord) => ({
      name: d.type,
      category: d.type.replace(/^list\./, "").split("_")[0],
      supportedValidations: [],
      supportsDefinitionMigrations: false,
    }),
    access: (d: MetafieldDefinitionRecord) => ({
      admin: d.adminAccess,
      storefront: d.storefrontAccess,
      customerAccount: "NONE",
    }),
    validations: (d: MetafieldDefinitionRecord) =>
      d.validations.map((v) => ({ ...v, type: "single_line_text_field" })),
    metafieldsCount: (d: MetafieldDefinitionRecord, _args, ctx) =>
      [...ctx.shop.metafields.values()].filter(
        (m) =>
          m.namespace === d.namespace &&
          m.key === d.key &&
          m.ownerType === d.ownerType,
      ).length,
    capabilities: () => ({
      adminFilterable: {
        enabled: false,
        eligible: true,
        status: "NOT_FILTERABLE",
      },
      smartCollectionCondition: { enabled: false, eligible: true },
      uniqueValues: { enabled: false, eligible: true },
    }),
    useAsCollectionCondition: () => false,
    validationStatus: () => "ALL_VALID",
    standardTemplate: () => null,
    constraints: () => null,
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
