// productSet, for what a launch writes: the product's own fields (title, description, handle, type, vendor,
// tags, status, category) and its metafields, created or updated synchronously (bulk operations always run it
// synchronously). "For list fields: Creates new entries, updates existing entries, and deletes existing entries
// that aren't included": a `metafields` list replaces the product's metafields. Variants, options, files,
// collections, SEO and asynchronous runs are not modelled and fail loudly instead of being ignored.
import { GraphQLError } from "graphql";
import { expandNamespace } from "../values";
import {
  userError,
  type Args,
  type ResolverContext,
  type ResolverMap,
} from "./context";
import { writeMetafields } from "./metafield-writes";
import { applyProductFields, productMutations } from "./products";

const NOT_MODELLED = [
  "variants",
  "productOptions",
  "files",
  "collections",
  "seo",
  "giftCard",
  "combinedListingRole",
  "claimOwnership",
  "requiresSellingPlan",
] as const;

function notImplemented(ctx: ResolverContext, what: string): never {
  ctx.emulator.unimplemented.add(`productSet.${what}`);
  throw new GraphQLError(
    `The store emulator does not implement productSet ${what}`,
    {
      extensions: { code: "EMULATOR_NOT_IMPLEMENTED" },
    },
  );
}

function productSet(
  root: unknown,
  args: Args,
  ctx: ResolverContext,
  info: never,
) {
  const input = args.input as Args;
  const identifier = args.identifier as
    { id?: string; handle?: string; customId?: unknown } | undefined;
  for (const key of NOT_MODELLED)
    if (input[key] !== undefined && input[key] !== null)
      notImplemented(ctx, key);
  if (args.synchronous === false) notImplemented(ctx, "synchronous: false");
  if (identifier?.customId) notImplemented(ctx, "identifier.customId");
  const fail = (field: string[], message: string, code: string) => ({
    product: null,
    productSetOperation: null,
    userErrors: [userError(field, message, code)],
  });
  if (identifier && input.id)
    return fail(
      ["input", "id"],
      "The id field is not allowed if identifier is provided.",
      "ID_NOT_ALLOWED",
    );
  const id = identifier?.id ?? (input.id as string | undefined);
  const product = id
    ? ctx.shop.products.get(id)
    : identifier?.handle
      ? [...ctx.shop.products.values()].find(
          (p) => p.handle === identifier.handle,
        )
      : undefined;
  if (id && !product)
    return fail(
      ["identifier", "id"],
      "Product does not exist",
      "PRODUCT_DOES_NOT_EXIST",
    );
  if (!product) {
    const created = productMutations.productCreate!(
      root,
      { product: { ...input, handle: input.handle ?? identifier?.handle } },
      ctx,
      info,
    ) as {
      product: unknown;
      userErrors: { field: string[] | null; message: string }[];
    };
    return {
      product: created.product,
      productSetOperation: null,
      userErrors: created.userErrors.map((e) => ({
        ...e,
        code: "INVALID_PRODUCT",
      })),
    };
  }
  const metafields = input.metafields as
    | { namespace?: string; key: string; type?: string; value: string }[]
    | undefined;
  if (metafields) {
    const written = writeMetafields(
      ctx,
      metafields.map((m) => ({
        ownerId: product.id,
        namespace: m.namespace,
        key: m.key,
        type: m.type,
        value: m.value,
        hasCompareDigest: false,
      })),
      ["input", "metafields"],
    );
    if (written.userErrors.length)
      return {
        product: null,
        productSetOperation: null,
        userErrors: written.userErrors.map((e) => ({
          field: e.field,
          message: e.message,
          code: "INVALID_METAFIELD",
        })),
      };
    const kept = new Set(
      metafields.map(
        (m) => `${expandNamespace(m.namespace, ctx.emulator.appId)}.${m.key}`,
      ),
    );
    for (const metafield of [...ctx.shop.metafields.values()])
      if (
        metafield.ownerId === product.id &&
        !kept.has(`${metafield.namespace}.${metafield.key}`)
      )
        ctx.shop.metafields.delete(metafield.id);
  }
  applyProductFields(ctx, product, { ...input, metafields: undefined });
  ctx.emulator.productsChanged(ctx.domain, [product.id], ctx.now);
  return { product, productSetOperation: null, userErrors: [] };
}

export const productSetResolvers: ResolverMap = {
  Mutation: { productSet: productSet as ResolverMap["Mutation"][string] },
};
