// QueryRoot: the reads the app uses.
import { GraphQLError } from "graphql";
import { connection, type ConnectionArgs } from "../connection";
import { isPublishedOn, visibleOnOnlineStore } from "../publications";
import { matchesSearch, parseSearch, type FieldValue } from "../search";
import {
  parseGid,
  type FileRecord,
  type ProductRecord,
  type VariantRecord,
} from "../state";
import { expandNamespace } from "../values";
import type { Args, ResolverContext, ResolverMap } from "./context";
import { findNode } from "../nodes";

const numericId = (id: string) => parseGid(id)?.id ?? 0;

function productField(ctx: ResolverContext) {
  return (p: ProductRecord, field: string | null): FieldValue => {
    const variants = () => p.variantIds.map((id) => ctx.shop.variants.get(id)!);
    switch (field) {
      case null:
        return [p.title, p.handle, p.vendor, p.productType, ...p.tags];
      case "title":
        return p.title;
      case "handle":
        return p.handle;
      case "vendor":
        return p.vendor;
      case "product_type":
        return p.productType;
      case "tag":
      case "tags":
        return p.tags;
      case "status":
        return p.status;
      case "sku":
        return variants().map((v) => v.sku);
      case "barcode":
        return variants().map((v) => v.barcode);
      case "id":
        return numericId(p.id);
      case "updated_at":
        return p.updatedAt;
      case "created_at":
        return p.createdAt;
      case "category_id":
        return p.categoryId?.split("/").pop() ?? null;
      case "publication_ids":
        return (p.publications ?? []).map((r) =>
          String(numericId(r.publicationId)),
        );
      case "published_status":
        return publishedStatus(ctx, p);
      default:
        throw new GraphQLError(`Unsupported product search field: ${field}`, {
          extensions: { code: "BAD_REQUEST" },
        });
    }
  };
}

/**
 * The `published_status` values a product matches: `published`/`visible` or `unpublished` for the online store,
 * `online_store_channel` always, `unavailable` when published nowhere, and `{publicationId}-published|visible`
 * or `{publicationId}-hidden` per channel.
 */
function publishedStatus(ctx: ResolverContext, p: ProductRecord): string[] {
  const now = Date.parse(ctx.now);
  const values = ["online_store_channel"];
  values.push(
    ...(visibleOnOnlineStore(ctx.shop, p, now)
      ? ["published", "visible"]
      : ["unpublished"]),
  );
  let anywhere = false;
  for (const publication of ctx.shop.publications.values()) {
    const id = numericId(publication.id);
    if (isPublishedOn(p, publication.id, now)) {
      anywhere = true;
      values.push(`${id}-published`, `${id}-visible`);
    } else values.push(`${id}-hidden`);
  }
  if (!anywhere) values.push("unavailable");
  return values;
}

function sortProducts(
  products: ProductRecord[],
  sortKey: string | undefined,
): ProductRecord[] {
  const key: Record<string, (p: ProductRecord) => string | number> = {
    TITLE: (p) => p.title.toLowerCase(),
    UPDATED_AT: (p) => p.updatedAt,
    CREATED_AT: (p) => p.createdAt,
    PRODUCT_TYPE: (p) => p.productType,
    VENDOR: (p) => p.vendor,
  };
  const by = key[sortKey ?? "ID"] ?? ((p: ProductRecord) => numericId(p.id));
  return [...products].sort((a, b) => {
    const x = by(a);
    const y = by(b);
    return x < y ? -1 : x > y ? 1 : numericId(a.id) - numericId(b.id);
  });
}

function fileField(file: FileRecord, field: string | null): FieldValue {
  switch (field) {
    case null:
    case "filename":
      return file.filename;
    case "media_type":
      return file.kind === "MediaImage"
        ? "IMAGE"
        : file.kind === "Video"
          ? "VIDEO"
          : file.kind === "Model3d"
            ? "MODEL_3D"
            : "GENERIC_FILE";
    case "status":
      return file.status;
    case "id":
      return numericId(file.id);
    case "product_id":
      return file.productIds.map((id) => String(numericId(id)));
    case "used_in":
      return file.productIds.length ? ["product"] : ["none"];
    case "created_at":
      return file.createdAt;
    case "updated_at":
      return file.updatedAt;
    default:
      throw new GraphQLError(`Unsupported file search field: ${field}`, {
        extensions: { code: "BAD_REQUEST" },
      });
  }
}

function variantField(ctx: ResolverContext) {
  return (v: VariantRecord, field: string | null): FieldValue => {
    switch (field) {
      case null:
        return [v.title, v.sku];
      case "sku":
        return v.sku;
      case "barcode":
        return v.barcode;
      case "product_id":
        return String(numericId(v.productId));
      case "title":
        return v.title;
      case "updated_at":
        return v.updatedAt;
      case "product_status":
        return ctx.shop.products.get(v.productId)?.status ?? null;
      default:
        throw new GraphQLError(`Unsupported variant search field: ${field}`, {
          extensions: { code: "BAD_REQUEST" },
        });
    }
  };
}

export const queryResolvers: ResolverMap = {
  QueryRoot: {
    shop: (_root, _args, ctx) => ctx.shop.info,
    // `published: Boolean = false` — "Return only published locales": false (the default) returns them all.
    shopLocales: (_root, args, ctx) =>
      ctx.shop.info.locales.filter(
        (l) => args.published !== true || l.published,
      ),
    currentAppInstallation: (_root, _args, ctx) => ({
      id: `gid://shopify/AppInstallation/${ctx.emulator.appId}1`,
    }),
    products: (_root, args, ctx) => {
      const query = parseSearch(args.query as string | undefined);
      const products = [...ctx.shop.products.values()].filter((p) =>
        matchesSearch(p, query, productField(ctx)),
      );
      return connection(
        sortProducts(products, args.sortKey as string | undefined),
        args as ConnectionArgs,
        ctx.bulk,
      );
    },
    productsCount: (_root, args, ctx) => {
      const query = parseSearch(args.query as string | undefined);
      const n = [...ctx.shop.products.values()].filter((p) =>
        matchesSearch(p, query, productField(ctx)),
      ).length;
      return {
        count: Math.min(n, (args.limit as number | undefined) ?? 10_000),
        precision: "EXACT",
      };
    },
    product: (_root, args, ctx) =>
      ctx.shop.products.get(args.id as string) ?? null,
    productByIdentifier: (_root, args: Args, ctx) => {
      const identifier = args.identifier as { id?: string; handle?: string };
      if (identifier.id) return ctx.shop.products.get(identifier.id) ?? null;
      return (
        [...ctx.shop.products.values()].find(
          (p) => p.handle === identifier.handle,
        ) ?? null
      );
    },
    productVariant: (_root, args, ctx) =>
      ctx.shop.variants.get(args.id as string) ?? null,
    productVariants: (_root, args, ctx) => {
      const query = parseSearch(args.query as string | undefined);
      const variants = [...ctx.shop.variants.values()]
        .filter((v) => matchesSearch(v, query, variantField(ctx)))
        .sort((a, b) => numericId(a.id) - numericId(b.id));
      return connection(variants, args as ConnectionArgs, ctx.bulk);
    },
    node: (_root, args, ctx) =>
      findNode(ctx.shop, args.id as string)?.record ?? null,
    nodes: (_root, args, ctx) => {
      const ids = args.ids as string[];
      return ids.map((id) => findNode(ctx.shop, id)?.record ?? null);
    },
    files: (_root, args, ctx) => {
      const query = parseSearch(args.query as string | undefined);
      const files = [...ctx.shop.files.values()].filter((f) =>
        matchesSearch(f, query, fileField),
      );
      const sortKey = (args.sortKey as string | undefined) ?? "ID";
      files.sort((a, b) =>
        sortKey === "FILENAME"
          ? a.filename.localeCompare(b.filename)
          : sortKey === "CREATED_AT"
            ? a.createdAt.localeCompare(b.createdAt) ||
              numericId(a.id) - numericId(b.id)
            : sortKey === "UPDATED_AT"
              ? a.updatedAt.localeCompare(b.updatedAt) ||
                numericId(a.id) - numericId(b.id)
              : numericId(a.id) - numericId(b.id),
      );
      return connection(files, args as ConnectionArgs, ctx.bulk);
    },
    metafieldDefinitions: (_root, args, ctx) => {
      const namespace = args.namespace
        ? expandNamespace(args.namespace as string, ctx.emulator.appId)
        : null;
      const definitions = [...ctx.shop.definitions.values()].filter(
        (d) =>
          d.ownerType === args.ownerType &&
          (namespace === null || d.namespace === namespace) &&
          (!args.key || d.key === args.key),
      );
      return connection(definitions, args as ConnectionArgs, ctx.bulk);
    },
    metafieldDefinition: (_root, args, ctx) => {
      if (args.id) return ctx.shop.definitions.get(args.id as string) ?? null;
      const identifier = args.identifier as {
        ownerType: string;
        namespace?: string;
        key: string;
      };
      const namespace = expandNamespace(
        identifier.namespace,
        ctx.emulator.appId,
      );
      return (
        [...ctx.shop.definitions.values()].find(
          (d) =>
            d.ownerType === identifier.ownerType &&
            d.namespace === namespace &&
            d.key === identifier.key,
        ) ?? null
      );
    },
    bulkOperation: (_root, args, ctx) =>
      ctx.shop.bulkOperations.get(args.id as string) ?? null,
    bulkOperations: (_root, args, ctx) => {
      const query = parseSearch(args.query as string | undefined);
      const operations = [...ctx.shop.bulkOperations.values()]
        .filter((op) =>
          matchesSearch(op, query, (o, field) =>
            field === "status"
              ? o.status
              : field === "operation_type"
                ? (o.type ?? "QUERY")
                : field === "client_identifier"
                  ? (o.clientIdentifier ?? null)
                  : o.id,
          ),
        )
        .sort((a, b) => numericId(b.id) - numericId(a.id));
      return connection(operations, args as ConnectionArgs, ctx.bulk);
    },
  },
};
