// publications / publication, publishablePublish / publishableUnpublish and the Publishable fields of Product.
// Scheduling (a future publishDate) is allowed only on the Online Store ("Only online store channels support
// scheduled publishing"); a scheduled product is not published until the emulator clock reaches the date.
import { GraphQLError } from "graphql";
import { connection, type ConnectionArgs } from "../connection";
import { matchesSearch, parseSearch } from "../search";
import {
  isPublishedOn,
  onlineStorePublishedAt,
  visibleOnOnlineStore,
  type PublicationRecord,
} from "../publications";
import { parseGid, type ProductRecord } from "../state";
import {
  userError,
  type Args,
  type ResolverContext,
  type ResolverMap,
  type UserErrorShape,
} from "./context";

const count = (n: number) => ({ count: n, precision: "EXACT" });
const now = (ctx: ResolverContext) => Date.parse(ctx.now);

interface ResourcePublicationView {
  /** Only for connection cursors: ResourcePublication has no id in the schema. */
  id: string;
  product: ProductRecord;
  publication: PublicationRecord;
  publishDate: string;
}

function resourcePublications(
  ctx: ResolverContext,
  product: ProductRecord,
  onlyPublished: boolean,
): ResourcePublicationView[] {
  return (product.publications ?? []).flatMap((record) => {
    const publication = ctx.shop.publications.get(record.publicationId);
    if (!publication) return [];
    if (onlyPublished && Date.parse(record.publishDate) > now(ctx)) return [];
    return [
      {
        id: `${product.id}|${publication.id}`,
        product,
        publication,
        publishDate: record.publishDate,
      },
    ];
  });
}

function publishedProducts(
  ctx: ResolverContext,
  publication: PublicationRecord,
  args: Args,
) {
  const query = parseSearch(args.query as string | undefined);
  return [...ctx.shop.products.values()].filter(
    (p) =>
      isPublishedOn(p, publication.id, now(ctx)) &&
      matchesSearch(p, query, (product, field) =>
        field === null
          ? product.title
          : field === "status"
            ? product.status
            : null,
      ),
  );
}

function publishableProduct(
  ctx: ResolverContext,
  id: string,
): ProductRecord | null {
  const type = parseGid(id)?.type;
  if (type === "ProductVariant" || type === "Collection") {
    ctx.emulator.unimplemented.add(`publishablePublish(${type})`);
    throw new GraphQLError(
      `The store emulator does not implement publishing a ${type}`,
      {
        extensions: { code: "EMULATOR_NOT_IMPLEMENTED" },
      },
    );
  }
  return ctx.shop.products.get(id) ?? null;
}

function publicationInputs(
  ctx: ResolverContext,
  inputs: {
    publicationId?: string | null;
    channelId?: string | null;
    publishDate?: string | null;
  }[],
  scheduling: boolean,
): {
  errors: UserErrorShape[];
  targets: { publication: PublicationRecord; publishDate: string }[];
} {
  const errors: UserErrorShape[] = [];
  const targets: { publication: PublicationRecord; publishDate: string }[] = [];
  inputs.forEach((input, index) => {
    const at = (field: string) => ["input", String(index), field];
    const publication = input.publicationId
      ? ctx.shop.publications.get(input.publicationId)
      : undefined;
    if (!publication) {
      errors.push(
        userError(at("publicationId"), "Publication does not exist."),
      );
      return;
    }
    const publishDate = input.publishDate
      ? new Date(input.publishDate).toISOString()
      : ctx.now;
    if (
      scheduling &&
      Date.parse(publishDate) > now(ctx) &&
      !publication.supportsFuturePublishing
    ) {
      errors.push(
        userError(
          at("publishDate"),
          `${publication.name} does not support scheduled publishing; only online store channels do.`,
        ),
      );
      return;
    }
    targets.push({ publication, publishDate });
  });
  return { errors, targets };
}

function publishMutation(mode: "publish" | "unpublish") {
  return (_root: unknown, args: Args, ctx: ResolverContext) => {
    const product = publishableProduct(ctx, args.id as string);
    if (!product)
      return {
        publishable: null,
        shop: ctx.shop.info,
        userErrors: [userError(["id"], "Product does not exist.")],
      };
    const { errors, targets } = publicationInputs(
      ctx,
      args.input as { publicationId?: string; publishDate?: string }[],
      mode === "publish",
    );
    if (errors.length)
      return { publishable: null, shop: ctx.shop.info, userErrors: errors };
    const ids = new Set(targets.map((t) => t.publication.id));
    const kept = (product.publications ?? []).filter(
      (r) => !ids.has(r.publicationId),
    );
    product.publications =
      mode === "publish"
        ? [
            ...kept,
            ...targets.map((t) => ({
              publicationId: t.publication.id,
              publishDate: t.publishDate,
            })),
          ]
        : kept;
    // Shopify reports a publication change as a product update (products/update, updatedAt).
    ctx.emulator.productsChanged(ctx.domain, [product.id], ctx.now);
    return { publishable: product, shop: ctx.shop.info, userErrors: [] };
  };
}

export const publicationResolvers: ResolverMap = {
  QueryRoot: {
    publications: (_root, args, ctx) => {
      // Every emulated channel is an app catalog (Online Store, Point of Sale, Google & YouTube).
      const list =
        !args.catalogType || args.catalogType === "APP"
          ? [...ctx.shop.publications.values()]
          : [];
      return connection(list, args as ConnectionArgs, ctx.bulk);
    },
    publication: (_root, args, ctx) =>
      ctx.shop.publications.get(args.id as string) ?? null,
  },
  Mutation: {
    publishablePublish: publishMutation("publish"),
    publishableUnpublish: publishMutation("unpublish"),
  },
  Publication: {
    catalog: (p: PublicationRecord) => ({
      id: p.catalogId,
      title: p.name,
      status: "ACTIVE",
      publicationId: p.id,
    }),
    products: (p: PublicationRecord, args, ctx) =>
      connection(
        publishedProducts(ctx, p, args),
        args as ConnectionArgs,
        ctx.bulk,
      ),
    includedProducts: (p: PublicationRecord, args, ctx) =>
      connection(
        publishedProducts(ctx, p, args),
        args as ConnectionArgs,
        ctx.bulk,
      ),
    includedProductsCount: (p: PublicationRecord, args, ctx) =>
      count(publishedProducts(ctx, p, args).length),
    productPublicationsV3: (p: PublicationRecord, args, ctx) =>
      connection(
        [...ctx.shop.products.values()].flatMap((product) =>
          resourcePublications(ctx, product, true).filter(
            (r) => r.publication.id === p.id,
          ),
        ),
        args as ConnectionArgs,
        ctx.bulk,
      ),
    hasCollection: () => false,
  },
  AppCatalog: {
    publication: (catalog: { publicationId: string }, _args, ctx) =>
      ctx.shop.publications.get(catalog.publicationId) ?? null,
  },
  ResourcePublication: {
    isPublished: () => true, // "Also returns true if the resource publication is scheduled to be published."
    publishable: (r: ResourcePublicationView) => r.product,
  },
  Product: {
    publishedOnPublication: (p: ProductRecord, args, ctx) =>
      isPublishedOn(p, args.publicationId as string, now(ctx)),
    resourcePublications: (p: ProductRecord, args, ctx) =>
      connection(
        resourcePublications(ctx, p, args.onlyPublished !== false),
        args as ConnectionArgs,
        ctx.bulk,
      ),
    resourcePublicationsCount: (p: ProductRecord, args, ctx) =>
      count(resourcePublications(ctx, p, args.onlyPublished !== false).length),
    availablePublicationsCount: (p: ProductRecord, _args, ctx) =>
      count(resourcePublications(ctx, p, true).length),
    unpublishedPublications: (p: ProductRecord, args, ctx) =>
      connection(
        [...ctx.shop.publications.values()].filter(
          (pub) => !isPublishedOn(p, pub.id, now(ctx)),
        ),
        args as ConnectionArgs,
        ctx.bulk,
      ),
    /** "The date and time when the product was published to the online store." */
    publishedAt: (p: ProductRecord, _args, ctx) =>
      onlineStorePublishedAt(ctx.shop, p, now(ctx)),
    /** "If null, then the product isn't published to the online store sales channel" (nor visible there). */
    onlineStoreUrl: (p: ProductRecord, _args, ctx) =>
      visibleOnOnlineStore(ctx.shop, p, now(ctx))
        ? `https://${ctx.domain}/products/${p.handle}`
        : null,
  },
};
