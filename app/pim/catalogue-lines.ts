// Shopify's product and variant, as a bulk result line or a product query gives them, mapped to the mirror's rows.
// Pure.
import type { MirrorProduct, MirrorVariant } from "./mirror.db.server";

export interface ProductLine {
  id: string;
  handle: string;
  title: string;
  descriptionHtml?: string | null;
  vendor?: string | null;
  productType?: string | null;
  status: string;
  tags?: string[] | null;
  updatedAt?: string | null;
  category?: { id: string } | null;
}

export interface VariantLine {
  id: string;
  __parentId: string;
  title: string;
  sku?: string | null;
  barcode?: string | null;
  price?: string | null;
  compareAtPrice?: string | null;
  position?: number | null;
  availableForSale?: boolean | null;
  selectedOptions?: { name: string; value: string }[] | null;
}

export function toMirrorProduct(line: ProductLine): MirrorProduct {
  return {
    shopifyId: line.id,
    handle: line.handle,
    title: line.title,
    descriptionHtml: line.descriptionHtml ?? "",
    vendor: line.vendor || null,
    productType: line.productType || null,
    status: line.status,
    tags: line.tags ?? [],
    categoryId: line.category?.id ?? null,
    shopifyUpdatedAt: line.updatedAt ? new Date(line.updatedAt) : null,
  };
}

export function toMirrorVariant(
  line: Omit<VariantLine, "__parentId">,
): MirrorVariant {
  return {
    shopifyId: line.id,
    title: line.title,
    sku: line.sku || null,
    barcode: line.barcode || null,
    price: line.price ?? null,
    compareAtPrice: line.compareAtPrice ?? null,
    position: line.position ?? 0,
    selectedOptions: line.selectedOptions ?? [],
    availableForSale: line.availableForSale ?? true,
  };
}
