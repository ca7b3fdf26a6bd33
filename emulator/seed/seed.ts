// Seeds a shop with the autumn/winter collection as a merchant's existing Shopify catalogue: products,
// options, variants (SKU, barcode, price, inventory), categories, and one storefront image per product.
import type { ShopifyEmulator } from "../emulator";
import { enableColorPatternDefinitions } from "../metaobjects";
import { newOption } from "../options";
import { setMarketPriceList } from "../price-lists";
import { publishEverywhere } from "../publications";
import {
  gid,
  type FileRecord,
  type ProductRecord,
  type VariantRecord,
} from "../state";
import { buildCatalogue, type SeedProduct } from "./catalogue";
import { studioImage } from "./images";

export const DEMO_SHOP = "vitrine-demo.myshopify.com";

export interface SeedOptions {
  /** Scales the ~200-product catalogue. */
  factor?: number;
  /** Give each product one existing image in Shopify (generated, 600×750). Default true. */
  images?: boolean;
}

export async function seedShop(
  emulator: ShopifyEmulator,
  domain: string,
  options: SeedOptions = {},
): Promise<SeedProduct[]> {
  if (!emulator.hasShop(domain))
    emulator.addShop(domain, { name: "Maison Vitrine", currencyCode: "EUR" });
  const shop = emulator.shop(domain);
  const next = () => emulator.ids.take();
  // Apparel in a taxonomy category comes with Shopify's category metafields: the demo shop has the colour one.
  enableColorPatternDefinitions(shop, next, new Date(epochOf()).toISOString());
  const catalogue = buildCatalogue(options.factor ?? 1);
  const epoch = epochOf();
  // Existing storefront images are the same for a family and colour: render each once.
  const legacyImages = new Map<string, Buffer>();
  for (const [index, spec] of catalogue.entries()) {
    const createdAt = new Date(epoch + index * 3_600_000).toISOString();
    const product: ProductRecord = {
      id: gid("Product", emulator.ids.take()),
      title: spec.title,
      handle: spec.handle,
      descriptionHtml: spec.descriptionHtml,
      productType: spec.productType,
      vendor: spec.vendor,
      tags: spec.tags,
      status: spec.status,
      categoryId: spec.categoryId,
      options: [
        newOption(
          "Colour",
          1,
          spec.colours.map((c) => ({ name: c.name })),
          next,
        ),
        newOption(
          "Size",
          2,
          spec.sizes.map((name) => ({ name })),
          next,
        ),
      ],
      variantIds: [],
      mediaIds: [],
      createdAt,
      updatedAt: createdAt,
    };
    spec.variants.forEach((v, position) => {
      const variant: VariantRecord = {
        id: gid("ProductVariant", emulator.ids.take()),
        productId: product.id,
        title: `${v.colour.name} / ${v.size}`,
        sku: v.sku,
        barcode: v.barcode,
        price: v.price,
        compareAtPrice: null,
        position: position + 1,
        inventoryQuantity: v.inventoryQuantity,
        selectedOptions: [
          { name: "Colour", value: v.colour.name },
          { name: "Size", value: v.size },
        ],
        mediaIds: [],
        createdAt,
        updatedAt: createdAt,
      };
      shop.variants.set(variant.id, variant);
      product.variantIds.push(variant.id);
    });
    if (options.images ?? true) {
      const imageKey = `${spec.family}:${spec.colours[0]!.code}`;
      let bytes = legacyImages.get(imageKey);
      if (!bytes) {
        bytes = await studioImage({
          family: spec.family,
          colour: spec.colours[0]!,
          width: 600,
          height: 750,
        });
        legacyImages.set(imageKey, bytes);
      }
      const file: FileRecord = {
        id: gid("MediaImage", emulator.ids.take()),
        kind: "MediaImage",
        filename: `${spec.styleCode.toLowerCase()}-legacy.jpg`,
        alt: spec.title,
        status: "READY",
        ready: {
          blobKey: emulator.putBlob(bytes),
          mimeType: "image/jpeg",
          width: 600,
          height: 750,
          size: bytes.length,
          version: Math.floor(epoch / 1000),
        },
        pendingBlobKey: null,
        pendingMimeType: null,
        errors: [],
        productIds: [product.id],
        createdAt,
        updatedAt: createdAt,
      };
      shop.files.set(file.id, file);
      product.mediaIds.push(file.id);
    }
    // The merchant's existing catalogue: ACTIVE products are on every sales channel.
    if (product.status === "ACTIVE")
      publishEverywhere(shop, product, createdAt);
    shop.products.set(product.id, product);
  }
  seedUkPriceList(emulator, domain);
  return catalogue;
}

/**
 * The United Kingdom market's price list: pounds, converted prices 10% up (duties and shipping), and the coats at
 * round fixed prices. France (the home market) and the rest of Europe see the euro base prices.
 */
function seedUkPriceList(emulator: ShopifyEmulator, domain: string): void {
  const shop = emulator.shop(domain);
  const uk = [...shop.markets.values()].find((m) => m.countries.includes("GB"));
  if (!uk) return;
  const coats = [...shop.products.values()].filter(
    (p) => p.productType === "Coats",
  );
  const fixedPrices = Object.fromEntries(
    coats.flatMap((p) =>
      p.variantIds.map((id) => [
        id,
        {
          price: `${Math.round(Number(shop.variants.get(id)!.price) * 0.9)}.00`,
          compareAtPrice: null,
        },
      ]),
    ),
  );
  setMarketPriceList(shop, () => emulator.ids.take(), uk.id, {
    currency: "GBP",
    adjustment: { type: "PERCENTAGE_INCREASE", value: 10 },
    fixedPrices,
  });
}

function epochOf(): number {
  return Date.parse("2026-08-01T09:00:00Z");
}
