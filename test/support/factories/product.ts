// Products in our catalogue mirror, with deterministic data: product n is "Coat n" (handle coat-n, Shopify id
// Product/n) with sizes S and M (SKUs COA-n-S, COA-n-M) unless the spec says otherwise. Or mirrored from the store
// emulator's own catalogue, as the import would.
import db from "~/db.server";
import type { ShopifyEmulator } from "../../../emulator/emulator";
import { buildShop } from "./shop";

export interface VariantSpec {
  title: string;
  sku: string;
  price?: string;
  /** Option name → value, e.g. { Colour: "Camel", Size: "M" }. */
  options?: Record<string, string>;
}

export interface ProductSpec {
  title?: string;
  handle?: string;
  productType?: string | null;
  vendor?: string | null;
  /** Default: sizes S and M. `[]` for a product without variants in our mirror. */
  variants?: VariantSpec[];
}

const sizes = (n: number): VariantSpec[] =>
  ["S", "M"].map((size) => ({
    title: size,
    sku: `COA-${n}-${size}`,
    price: "260.00",
    options: { Size: size },
  }));

/** Creates product `n` of the shop (and the shop when it has no row yet), variants in position order. */
export async function buildProduct(
  shop: string,
  n: number,
  spec: ProductSpec = {},
) {
  await buildShop(shop);
  const title = spec.title ?? `Coat ${n}`;
  const handle = spec.handle ?? `coat-${n}`;
  return db.product.create({
    data: {
      shop,
      shopifyId: `gid://shopify/Product/${n}`,
      handle,
      title,
      searchText: `${title} ${handle}`.toLowerCase(),
      status: "ACTIVE",
      productType: spec.productType === undefined ? "Coats" : spec.productType,
      vendor: spec.vendor ?? null,
      variants: {
        create: (spec.variants ?? sizes(n)).map((variant, i) => ({
          shop,
          shopifyId: `gid://shopify/ProductVariant/${n * 10 + i + 1}`,
          title: variant.title,
          sku: variant.sku,
          price: variant.price ?? null,
          position: i + 1,
          selectedOptions: Object.entries(variant.options ?? {}).map(
            ([name, value]) => ({ name, value }),
          ),
        })),
      },
    },
    include: { variants: { orderBy: { position: "asc" } } },
  });
}

/** Copies the emulator's products (all, or those given) into our product mirror; returns our ids by GID. */
export async function mirrorFromEmulator(
  emulator: ShopifyEmulator,
  shop: string,
  productGids?: string[],
): Promise<Map<string, string>> {
  await buildShop(shop);
  const state = emulator.shop(shop);
  const ids = new Map<string, string>();
  for (const product of state.products.values()) {
    if (productGids && !productGids.includes(product.id)) continue;
    const row = await db.product.create({
      data: {
        shop,
        shopifyId: product.id,
        handle: product.handle,
        title: product.title,
        descriptionHtml: product.descriptionHtml,
        vendor: product.vendor,
        productType: product.productType,
        status: product.status,
        tags: product.tags,
        categoryId: product.categoryId,
        variants: {
          create: product.variantIds.map((variantId) => {
            const v = state.variants.get(variantId)!;
            return {
              shop,
              shopifyId: v.id,
              title: v.title,
              sku: v.sku,
              barcode: v.barcode,
              price: v.price,
              position: v.position,
              selectedOptions: v.selectedOptions,
            };
          }),
        },
      },
    });
    ids.set(product.id, row.id);
  }
  return ids;
}
