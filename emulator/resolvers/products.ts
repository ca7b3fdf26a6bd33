// productCreate, productUpdate (with media), productDelete, productVariantAppendMedia/DetachMedia,
// productVariantsBulkUpdate — with Shopify's media rules (READY media only, one media per variant, ≤ 100 pairs).
import {
  parseGid,
  slugify,
  gid,
  type ProductRecord,
  type VariantRecord,
} from "../state";
import {
  userError,
  type Args,
  type ResolverContext,
  type ResolverMap,
  type UserErrorShape,
} from "./context";
import { createFile } from "../file-processing";
import { newOption } from "../options";
import { attachToProduct, kindFor } from "./files";
import { optionRecords, syncLinkedMetafields } from "./option-links";
import { writeMetafields, type MetafieldWrite } from "./metafields";

const MAX_VARIANT_MEDIA_PAIRS = 100;
const MAX_PRODUCT_MEDIA = 250;

interface MetafieldInput {
  namespace?: string;
  key: string;
  type?: string;
  value: string;
}

function metafieldWrites(
  ownerId: string,
  inputs: MetafieldInput[] | undefined,
): MetafieldWrite[] {
  return (inputs ?? []).map((m) => ({
    ownerId,
    namespace: m.namespace,
    key: m.key,
    type: m.type,
    value: m.value,
    hasCompareDigest: false,
  }));
}

function uniqueHandle(
  ctx: ResolverContext,
  wanted: string,
  except?: string,
): string {
  const taken = new Set(
    [...ctx.shop.products.values()]
      .filter((p) => p.id !== except)
      .map((p) => p.handle),
  );
  let handle = slugify(wanted) || "product";
  for (let n = 1; taken.has(handle); n++) handle = `${slugify(wanted)}-${n}`;
  return handle;
}

function createMedia(
  ctx: ResolverContext,
  product: ProductRecord,
  media: { originalSource: string; mediaContentType: string; alt?: string }[],
) {
  for (const input of media) {
    const file = createFile(ctx.emulator, ctx.domain, {
      source: input.originalSource,
      filename: decodeURIComponent(
        new URL(input.originalSource).pathname.split("/").pop() || "image.jpg",
      ),
      alt: input.alt ?? "",
      kind: kindFor(input.mediaContentType, input.originalSource),
      now: ctx.now,
    });
    attachToProduct(ctx, file, product.id);
  }
}

export function applyProductFields(
  ctx: ResolverContext,
  product: ProductRecord,
  input: Args,
): void {
  if (typeof input.title === "string") product.title = input.title;
  if (typeof input.handle === "string")
    product.handle = uniqueHandle(ctx, input.handle, product.id);
  if (typeof input.descriptionHtml === "string")
    product.descriptionHtml = input.descriptionHtml;
  if (typeof input.productType === "string")
    product.productType = input.productType;
  if (typeof input.vendor === "string") product.vendor = input.vendor;
  if (Array.isArray(input.tags))
    product.tags = (input.tags as string[])
      .flatMap((t) => t.split(","))
      .map((t) => t.trim())
      .filter(Boolean);
  if (typeof input.status === "string")
    product.status = input.status as ProductRecord["status"];
  if (input.category !== undefined)
    product.categoryId = (input.category as string | null) ?? null;
  product.updatedAt = ctx.now;
}

export const productMutations: ResolverMap["Mutation"] = {
  productCreate: (_root, args: Args, ctx) => {
    const input = (args.product ?? args.input ?? {}) as Args;
    if (!input.title || !String(input.title).trim())
      return {
        product: null,
        shop: ctx.shop.info,
        userErrors: [userError(["title"], "Title can't be blank")],
      };
    const product: ProductRecord = {
      id: gid("Product", ctx.emulator.ids.take()),
      title: "",
      handle: uniqueHandle(
        ctx,
        (input.handle as string | undefined) ?? (input.title as string),
      ),
      descriptionHtml: "",
      productType: "",
      vendor: ctx.shop.info.name,
      tags: [],
      status: "ACTIVE",
      categoryId: null,
      options: [],
      variantIds: [],
      mediaIds: [],
      // GraphQL-created products are published nowhere until publishablePublish (Shopify decoupled the two).
      publications: [],
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    applyProductFields(ctx, product, { ...input, handle: undefined });
    const options = optionRecords(
      ctx,
      (input.productOptions as never[] | undefined) ?? [],
      [],
      "productOptions",
    );
    if (options.errors.length)
      return {
        product: null,
        shop: ctx.shop.info,
        userErrors: options.errors.map((e) => ({
          field: e.field,
          message: e.message,
        })),
      };
    product.options = options.options.length
      ? options.options.map((o, i) => ({ ...o.record, position: i + 1 }))
      : [
          newOption("Title", 1, [{ name: "Default Title" }], () =>
            ctx.emulator.ids.take(),
          ),
        ];
    const variant: VariantRecord = {
      id: gid("ProductVariant", ctx.emulator.ids.take()),
      productId: product.id,
      title: product.options.map((o) => o.values[0]).join(" / "),
      sku: null,
      barcode: null,
      price: "0.00",
      compareAtPrice: null,
      position: 1,
      inventoryQuantity: 0,
      selectedOptions: product.options.map((o) => ({
        name: o.name,
        value: o.values[0]!,
      })),
      mediaIds: [],
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    product.variantIds = [variant.id];
    ctx.shop.products.set(product.id, product);
    ctx.shop.variants.set(variant.id, variant);
    createMedia(ctx, product, (args.media as never[] | undefined) ?? []);
    syncLinkedMetafields(ctx, product);
    const metafields = writeMetafields(
      ctx,
      metafieldWrites(
        product.id,
        input.metafields as MetafieldInput[] | undefined,
      ),
      ["metafields"],
    );
    ctx.emulator.webhooks.emitProduct(ctx.domain, "products/create", product);
    return {
      product,
      shop: ctx.shop.info,
      userErrors: metafields.userErrors.map((e) => ({
        field: e.field,
        message: e.message,
      })),
    };
  },

  productUpdate: (_root, args: Args, ctx) => {
    const input = (args.product ?? args.input ?? {}) as Args;
    const identifier = args.identifier as
      { id?: string; handle?: string } | undefined;
    const id = (input.id as string | undefined) ?? identifier?.id;
    const product = id
      ? ctx.shop.products.get(id)
      : [...ctx.shop.products.values()].find(
          (p) => p.handle === identifier?.handle,
        );
    if (!product)
      return {
        product: null,
        userErrors: [userError(["id"], "Product does not exist")],
      };
    const media =
      (args.media as
        | { originalSource: string; mediaContentType: string; alt?: string }[]
        | undefined) ?? [];
    if (product.mediaIds.length + media.length > MAX_PRODUCT_MEDIA) {
      return {
        product: null,
        userErrors: [
          userError(
            ["media"],
            `Exceeded the limit of ${MAX_PRODUCT_MEDIA} media per product.`,
          ),
        ],
      };
    }
    const metafields = writeMetafields(
      ctx,
      metafieldWrites(
        product.id,
        input.metafields as MetafieldInput[] | undefined,
      ),
      ["metafields"],
    );
    if (metafields.userErrors.length)
      return {
        product: null,
        userErrors: metafields.userErrors.map((e) => ({
          field: e.field,
          message: e.message,
        })),
      };
    applyProductFields(ctx, product, input);
    createMedia(ctx, product, media);
    ctx.emulator.productsChanged(ctx.domain, [product.id], ctx.now);
    return { product, userErrors: [] };
  },

  productDelete: (_root, args: Args, ctx) => {
    const id = (args.input as { id: string }).id;
    const product = ctx.shop.products.get(id);
    if (!product)
      return {
        deletedProductId: null,
        productDeleteOperation: null,
        shop: ctx.shop.info,
        userErrors: [userError(["id"], "Product does not exist")],
      };
    const owned = new Set([product.id, ...product.variantIds]);
    for (const metafield of [...ctx.shop.metafields.values()])
      if (owned.has(metafield.ownerId))
        ctx.shop.metafields.delete(metafield.id);
    for (const variantId of product.variantIds)
      ctx.shop.variants.delete(variantId);
    for (const fileId of product.mediaIds) {
      const file = ctx.shop.files.get(fileId);
      if (file)
        file.productIds = file.productIds.filter((p) => p !== product.id);
    }
    ctx.shop.products.delete(product.id);
    ctx.emulator.webhooks.emit(ctx.domain, "products/delete", {
      id: parseGid(product.id)!.id,
    });
    return {
      deletedProductId: product.id,
      productDeleteOperation: null,
      shop: ctx.shop.info,
      userErrors: [],
    };
  },

  productVariantAppendMedia: (_root, args: Args, ctx) =>
    variantMedia(ctx, args, "append"),
  productVariantDetachMedia: (_root, args: Args, ctx) =>
    variantMedia(ctx, args, "detach"),

  productVariantsBulkUpdate: (_root, args: Args, ctx) => {
    const product = ctx.shop.products.get(args.productId as string);
    if (!product)
      return {
        product: null,
        productVariants: null,
        userErrors: [
          userError(
            ["productId"],
            "Product does not exist",
            "PRODUCT_DOES_NOT_EXIST",
          ),
        ],
      };
    const inputs = args.variants as Args[];
    const errors: UserErrorShape[] = [];
    inputs.forEach((input, index) => {
      const at = (field: string) => ["variants", String(index), field];
      if (!input.id)
        return errors.push(
          userError(
            at("id"),
            "Product variant is missing ID attribute",
            "PRODUCT_VARIANT_ID_MISSING",
          ),
        );
      if (!product.variantIds.includes(input.id as string))
        return errors.push(
          userError(
            at("id"),
            "Product variant does not exist",
            "PRODUCT_VARIANT_DOES_NOT_EXIST",
          ),
        );
      if (input.price !== undefined && Number(input.price) < 0)
        errors.push(
          userError(
            at("price"),
            "Price must be greater than or equal to 0",
            "NEGATIVE_PRICE_VALUE",
          ),
        );
      if (input.mediaId) {
        const file = ctx.shop.files.get(input.mediaId as string);
        if (!file || !product.mediaIds.includes(file.id))
          errors.push(
            userError(
              at("mediaId"),
              "Media does not exist on the given product.",
              "INVALID_INPUT",
            ),
          );
        else if (file.status !== "READY")
          errors.push(
            userError(
              at("mediaId"),
              "Non-ready media are not supported.",
              "INVALID_INPUT",
            ),
          );
      }
      return undefined;
    });
    if (errors.length && !args.allowPartialUpdates)
      return { product, productVariants: null, userErrors: errors };
    createMedia(ctx, product, (args.media as never[] | undefined) ?? []);
    const failed = new Set(errors.map((e) => Number(e.field?.[1])));
    const updated: VariantRecord[] = [];
    inputs.forEach((input, index) => {
      if (failed.has(index)) return;
      const variant = ctx.shop.variants.get(input.id as string)!;
      if (input.price !== undefined)
        variant.price = Number(input.price).toFixed(2);
      if (input.compareAtPrice !== undefined)
        variant.compareAtPrice =
          input.compareAtPrice === null
            ? null
            : Number(input.compareAtPrice).toFixed(2);
      if (input.barcode !== undefined)
        variant.barcode = input.barcode as string | null;
      const inventoryItem = input.inventoryItem as { sku?: string } | undefined;
      if (inventoryItem?.sku !== undefined) variant.sku = inventoryItem.sku;
      if (input.mediaId) variant.mediaIds = [input.mediaId as string];
      variant.updatedAt = ctx.now;
      const metafields = writeMetafields(
        ctx,
        metafieldWrites(
          variant.id,
          input.metafields as MetafieldInput[] | undefined,
        ),
      );
      errors.push(...metafields.userErrors);
      updated.push(variant);
    });
    ctx.emulator.productsChanged(ctx.domain, [product.id], ctx.now);
    return { product, productVariants: updated, userErrors: errors };
  },
};

function variantMedia(
  ctx: ResolverContext,
  args: Args,
  mode: "append" | "detach",
) {
  const product = ctx.shop.products.get(args.productId as string);
  if (!product)
    return {
      product: null,
      productVariants: null,
      userErrors: [
        userError(
          ["productId"],
          "Product does not exist.",
          "PRODUCT_DOES_NOT_EXIST",
        ),
      ],
    };
  const pairs = args.variantMedia as {
    variantId: string;
    mediaIds: string[];
  }[];
  if (pairs.length > MAX_VARIANT_MEDIA_PAIRS) {
    return {
      product,
      productVariants: null,
      userErrors: [
        userError(
          ["variantMedia"],
          `Exceeded the maximum number of ${MAX_VARIANT_MEDIA_PAIRS} variant-media pairs per mutation call.`,
          "MAXIMUM_VARIANT_MEDIA_PAIRS_EXCEEDED",
        ),
      ],
    };
  }
  const errors: UserErrorShape[] = [];
  const seen = new Set<string>();
  pairs.forEach((pair, index) => {
    const at = (field: string) => ["variantMedia", String(index), field];
    if (seen.has(pair.variantId))
      errors.push(
        userError(
          at("variantId"),
          "Variant specified in more than one pair.",
          "PRODUCT_VARIANT_SPECIFIED_MULTIPLE_TIMES",
        ),
      );
    seen.add(pair.variantId);
    const variant = ctx.shop.variants.get(pair.variantId);
    if (!variant || variant.productId !== product.id)
      return errors.push(
        userError(
          at("variantId"),
          "Variant does not exist on the given product.",
          "PRODUCT_VARIANT_DOES_NOT_EXIST_ON_PRODUCT",
        ),
      );
    if (pair.mediaIds.length !== 1)
      return errors.push(
        userError(
          at("mediaIds"),
          "Only one mediaId is allowed per variant-media input pair.",
          "TOO_MANY_MEDIA_PER_INPUT_PAIR",
        ),
      );
    const mediaId = pair.mediaIds[0]!;
    const file = ctx.shop.files.get(mediaId);
    if (!file)
      return errors.push(
        userError(
          at("mediaIds"),
          "Media does not exist.",
          "MEDIA_DOES_NOT_EXIST",
        ),
      );
    if (!product.mediaIds.includes(mediaId))
      return errors.push(
        userError(
          at("mediaIds"),
          "Media does not exist on the given product.",
          "MEDIA_DOES_NOT_EXIST_ON_PRODUCT",
        ),
      );
    if (mode === "append") {
      if (file.status !== "READY")
        return errors.push(
          userError(
            at("mediaIds"),
            "Non-ready media are not supported.",
            "NON_READY_MEDIA",
          ),
        );
      if (variant.mediaIds.length > 0)
        return errors.push(
          userError(
            at("variantId"),
            "Product variant already has attached media.",
            "PRODUCT_VARIANT_ALREADY_HAS_MEDIA",
          ),
        );
    } else if (!variant.mediaIds.includes(mediaId)) {
      return errors.push(
        userError(
          at("mediaIds"),
          "The specified media is not attached to the specified variant.",
          "MEDIA_IS_NOT_ATTACHED_TO_VARIANT",
        ),
      );
    }
    return undefined;
  });
  if (errors.length)
    return { product, productVariants: null, userErrors: errors };
  const variants = pairs.map((pair) => {
    const variant = ctx.shop.variants.get(pair.variantId)!;
    variant.mediaIds = mode === "append" ? [pair.mediaIds[0]!] : [];
    variant.updatedAt = ctx.now;
    return variant;
  });
  ctx.emulator.productsChanged(ctx.domain, [product.id], ctx.now);
  return { product, productVariants: variants, userErrors: [] };
}
