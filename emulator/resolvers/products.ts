// productCreate, productUpdate (with media), productDelete; the variant and variant-media mutations live in
// product-variants.ts and product-media.ts and are served from the same map.
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
} from "./context";
import { newOption } from "../options";
import { syncLinkedMetafields } from "./option-links";
import { optionRecords } from "./option-records";
import {
  metafieldWrites,
  writeMetafields,
  type MetafieldInput,
} from "./metafield-writes";
import { createMedia, variantMediaMutations } from "./product-media";
import { variantMutations } from "./product-variants";

const MAX_PRODUCT_MEDIA = 250;

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

  ...variantMediaMutations,
  ...variantMutations,
};
