// What a theme sees beyond the Ajax product JSON, in the storefront view (`/products/{handle}.js`, emulator
// additions shaped after Liquid):
// - `metafields`: the app metafields whose definition grants storefront access, by namespace and key. A
//   `file_reference` (or a list of them) resolves to the files, as Liquid's `metafield.value` does — a deleted file
//   drops out of the list — each `{ id, media_type, src, alt, width, height }` (src null while still processing).
// - `options_with_values`: Liquid's `product.options_with_values`, each value a `product_option_value` with its
//   `swatch` (`{ color, image }`, from the linked `shopify--color-pattern` entry, as the Storefront API's
//   `ProductOptionValue.swatch`), or null when the value has none.
import type { ShopifyEmulator } from "./emulator";
import { swatchOf } from "./metaobjects";
import { optionValues } from "./options";
import {
  parseGid,
  type FileRecord,
  type ProductRecord,
  type ShopState,
} from "./state";
import { translatedValue } from "./translations";
import { isAppNamespace, jsonValue } from "./values";

export interface StorefrontContext {
  emulator: ShopifyEmulator;
  domain: string;
  shop: ShopState;
  locale: string | null;
  /** The value a shopper of this locale sees (translation, else source). */
  t: (resourceId: string, key: string, source: string) => string;
}

const MEDIA_TYPE: Record<string, string> = {
  MediaImage: "image",
  Video: "video",
  Model3d: "model",
  GenericFile: "generic_file",
};

/** A file as Liquid shows a file reference (`image`, `video`, `model` or `generic_file`). */
export function fileView(ctx: StorefrontContext, file: FileRecord) {
  return {
    id: parseGid(file.id)!.id,
    media_type: MEDIA_TYPE[file.kind] ?? "generic_file",
    src: file.ready ? ctx.emulator.fileUrl(ctx.domain, file) : null,
    alt: file.alt ? ctx.t(file.id, "alt", file.alt) : null,
    width: file.ready?.width ?? null,
    height: file.ready?.height ?? null,
  };
}

function resolveFiles(ctx: StorefrontContext, type: string, value: unknown) {
  const view = (gid: unknown) => {
    const file = typeof gid === "string" ? ctx.shop.files.get(gid) : undefined;
    return file ? fileView(ctx, file) : null;
  };
  if (type === "file_reference") return view(value);
  if (type === "list.file_reference" && Array.isArray(value))
    return value.map(view).filter((f) => f !== null);
  return value;
}

/** The owner's storefront-readable app metafields, `{ namespace: { key: value } }`. */
export function storefrontMetafields(
  ctx: StorefrontContext,
  ownerId: string,
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const metafield of ctx.shop.metafields.values()) {
    if (
      metafield.ownerId !== ownerId ||
      !isAppNamespace(metafield.namespace, ctx.emulator.appId)
    )
      continue;
    const definition = [...ctx.shop.definitions.values()].find(
      (d) =>
        d.namespace === metafield.namespace &&
        d.key === metafield.key &&
        d.ownerType === metafield.ownerType,
    );
    if (definition?.storefrontAccess !== "PUBLIC_READ") continue;
    const value =
      (ctx.locale !== null
        ? translatedValue(ctx.shop, metafield.id, "value", ctx.locale)
        : undefined) ?? metafield.value;
    (out[metafield.namespace] ??= {})[metafield.key] = resolveFiles(
      ctx,
      metafield.type,
      jsonValue(metafield.type, value),
    );
  }
  return out;
}

/** Liquid's `product.options_with_values`: each value with its id and swatch. */
export function optionsWithValues(
  ctx: StorefrontContext,
  product: ProductRecord,
) {
  const next = () => ctx.emulator.ids.take();
  return product.options.map((option) => ({
    name: ctx.t(option.id, "name", option.name),
    position: option.position,
    values: optionValues(option, next).map((value) => {
      const swatch = swatchOf(ctx.shop, value.linkedMetafieldValue);
      const image = swatch?.imageId
        ? ctx.shop.files.get(swatch.imageId)
        : undefined;
      return {
        id: parseGid(value.id)!.id,
        name: ctx.t(value.id, "name", value.name),
        swatch: swatch
          ? {
              color: swatch.color,
              image: image ? fileView(ctx, image) : null,
            }
          : null,
      };
    }),
  }));
}
