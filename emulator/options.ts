// Product options and their values with stable ids (ProductOptionValue is a Node: translations, swatches and
// metafield-linked values hang off it).
import type {
  OptionRecord,
  OptionValueRecord,
  ProductRecord,
  ShopState,
} from "./state";

/** The option's values with ids, created on first use for records saved before values had ids. */
export function optionValues(
  option: OptionRecord,
  nextId: () => number,
): OptionValueRecord[] {
  if (!option.optionValues) {
    option.optionValues = option.values.map((name) => ({
      id: `gid://shopify/ProductOptionValue/${nextId()}`,
      name,
      linkedMetafieldValue: null,
    }));
  }
  return option.optionValues;
}

/** New option records from names, values in order. */
export function newOption(
  name: string,
  position: number,
  values: { name: string; linkedMetafieldValue?: string | null }[],
  nextId: () => number,
): OptionRecord {
  return {
    id: `gid://shopify/ProductOption/${nextId()}`,
    name,
    position,
    values: values.map((v) => v.name),
    optionValues: values.map((v) => ({
      id: `gid://shopify/ProductOptionValue/${nextId()}`,
      name: v.name,
      linkedMetafieldValue: v.linkedMetafieldValue ?? null,
    })),
    linkedMetafield: null,
  };
}

/** Keeps `values` (names in order) in step after `optionValues` changed. */
export function syncValueNames(option: OptionRecord): void {
  if (option.optionValues)
    option.values = option.optionValues.map((v) => v.name);
}

export function findOption(
  shop: ShopState,
  id: string,
): { productId: string; option: OptionRecord } | null {
  if (!id.startsWith("gid://shopify/ProductOption/")) return null;
  for (const product of shop.products.values()) {
    for (const option of product.options)
      if (option.id === id) return { productId: product.id, option };
  }
  return null;
}

export function findOptionValue(
  shop: ShopState,
  id: string,
  nextId: () => number,
): {
  productId: string;
  option: OptionRecord;
  value: OptionValueRecord;
} | null {
  if (!id.startsWith("gid://shopify/ProductOptionValue/")) return null;
  for (const product of shop.products.values()) {
    for (const option of product.options) {
      const value = optionValues(option, nextId).find((v) => v.id === id);
      if (value) return { productId: product.id, option, value };
    }
  }
  return null;
}

/** Renames a value everywhere it shows: the option's value names, the variants' selected options and titles. */
export function renameValue(
  shop: ShopState,
  product: ProductRecord,
  option: OptionRecord,
  value: OptionValueRecord,
  name: string,
  now: string,
): void {
  if (value.name === name) return;
  for (const variantId of product.variantIds) {
    const variant = shop.variants.get(variantId);
    const selected = variant?.selectedOptions.find(
      (s) => s.name === option.name && s.value === value.name,
    );
    if (!variant || !selected) continue;
    selected.value = name;
    variant.title = variant.selectedOptions.map((s) => s.value).join(" / ");
    variant.updatedAt = now;
  }
  value.name = name;
  syncValueNames(option);
}

/** Renames an option in the variants' selected options too. */
export function renameOption(
  shop: ShopState,
  product: ProductRecord,
  option: OptionRecord,
  name: string,
): void {
  for (const variantId of product.variantIds)
    for (const selected of shop.variants.get(variantId)?.selectedOptions ?? [])
      if (selected.name === option.name) selected.name = name;
  option.name = name;
}

/**
 * A metaobject's display name changed: option values linked to it take the new name ("The metaobject's display
 * name becomes what customers see"). Returns the products touched.
 */
export function refreshLinkedValues(
  shop: ShopState,
  metaobjectId: string,
  name: string,
  now: string,
): string[] {
  const touched: string[] = [];
  for (const product of shop.products.values())
    for (const option of product.options)
      for (const value of option.optionValues ?? [])
        if (
          value.linkedMetafieldValue === metaobjectId &&
          value.name !== name
        ) {
          renameValue(shop, product, option, value, name, now);
          touched.push(product.id);
        }
  return touched;
}
