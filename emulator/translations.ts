// Translatable content and translations (https://shopify.dev/docs/apps/build/markets/manage-translated-content).
// Each translatable field of a resource has a digest — the SHA-256 of its source value — that translationsRegister
// must quote; a translation keeps the digest it was registered against, so it is `outdated` once the source value
// changes (a new title, a fileUpdate that changes an image's alt text, a new metafield value). Outdated
// translations are still what shoppers see until they are registered again.
import { createHash } from "node:crypto";
import { findOption, findOptionValue, optionValues } from "./options";
import { parseGid, type MetafieldRecord, type ShopState } from "./state";

export interface TranslationRecord {
  resourceId: string;
  key: string;
  locale: string;
  /** null: the translation applies in every market. */
  marketId: string | null;
  value: string;
  /** The digest of the source value it translates. */
  digest: string;
  updatedAt: string;
}

export interface ContentField {
  key: string;
  value: string | null;
  /** LocalizableContentType */
  type: string;
}

export interface TranslatableResourceView {
  resourceId: string;
  resourceType: string;
  content: ContentField[];
}

/** The resource types the emulator models (TranslatableResourceType values). */
export const MODELLED_RESOURCE_TYPES = [
  "PRODUCT",
  "MEDIA_IMAGE",
  "METAFIELD",
  "PRODUCT_OPTION",
  "PRODUCT_OPTION_VALUE",
] as const;

/** Metafield types whose value can be translated, with their LocalizableContentType. */
const METAFIELD_CONTENT_TYPES: Record<string, string> = {
  single_line_text_field: "SINGLE_LINE_TEXT_FIELD",
  multi_line_text_field: "MULTI_LINE_TEXT_FIELD",
  rich_text_field: "RICH_TEXT_FIELD",
  json: "JSON",
  url: "URL",
  link: "LINK",
  file_reference: "FILE_REFERENCE",
  "list.single_line_text_field": "LIST_SINGLE_LINE_TEXT_FIELD",
  "list.multi_line_text_field": "LIST_MULTI_LINE_TEXT_FIELD",
  "list.url": "LIST_URL",
  "list.link": "LIST_LINK",
  "list.file_reference": "LIST_FILE_REFERENCE",
};

/** Whether a metafield's value is translatable (its type is text, a link, a URL or a file reference). */
export function metafieldIsTranslatable(metafield: MetafieldRecord): boolean {
  return metafield.type in METAFIELD_CONTENT_TYPES;
}

/** The digest Shopify asks translationsRegister to quote: SHA-256 (hex) of the source value. */
export function contentDigest(value: string | null): string | null {
  return value === null
    ? null
    : createHash("sha256").update(value, "utf8").digest("hex");
}

/** The translatable fields of a resource, or null when it does not exist or is not translatable. */
export function translatableResource(
  shop: ShopState,
  resourceId: string,
  nextId: () => number,
): TranslatableResourceView | null {
  const type = parseGid(resourceId)?.type;
  const view = (resourceType: string, content: ContentField[]) => ({
    resourceId,
    resourceType,
    content,
  });
  if (type === "Product") {
    const product = shop.products.get(resourceId);
    if (!product) return null;
    return view("PRODUCT", [
      { key: "title", value: product.title, type: "SINGLE_LINE_TEXT_FIELD" },
      {
        key: "body_html",
        value: product.descriptionHtml || null,
        type: "HTML",
      },
      { key: "handle", value: product.handle, type: "URI" },
      {
        key: "product_type",
        value: product.productType || null,
        type: "SINGLE_LINE_TEXT_FIELD",
      },
      // The emulator stores no SEO fields: Shopify reports these keys with null values then.
      { key: "meta_title", value: null, type: "SINGLE_LINE_TEXT_FIELD" },
      { key: "meta_description", value: null, type: "MULTI_LINE_TEXT_FIELD" },
    ]);
  }
  if (type === "MediaImage") {
    const file = shop.files.get(resourceId);
    if (!file) return null;
    return view("MEDIA_IMAGE", [
      { key: "alt", value: file.alt || null, type: "SINGLE_LINE_TEXT_FIELD" },
    ]);
  }
  if (type === "Metafield") {
    const metafield = shop.metafields.get(resourceId);
    if (!metafield || !metafieldIsTranslatable(metafield)) return null;
    return view("METAFIELD", [
      {
        key: "value",
        value: metafield.value,
        type: METAFIELD_CONTENT_TYPES[metafield.type]!,
      },
    ]);
  }
  if (type === "ProductOption") {
    const found = findOption(shop, resourceId);
    return found
      ? view("PRODUCT_OPTION", [
          {
            key: "name",
            value: found.option.name,
            type: "SINGLE_LINE_TEXT_FIELD",
          },
        ])
      : null;
  }
  if (type === "ProductOptionValue") {
    const found = findOptionValue(shop, resourceId, nextId);
    return found
      ? view("PRODUCT_OPTION_VALUE", [
          {
            key: "name",
            value: found.value.name,
            type: "SINGLE_LINE_TEXT_FIELD",
          },
        ])
      : null;
  }
  return null;
}

/** Every resource id of a modelled type, in id order. */
export function resourceIdsOfType(
  shop: ShopState,
  resourceType: string,
  nextId: () => number,
): string[] {
  const byNumber = (ids: string[]) =>
    ids.sort((a, b) => (parseGid(a)?.id ?? 0) - (parseGid(b)?.id ?? 0));
  switch (resourceType) {
    case "PRODUCT":
      return byNumber([...shop.products.keys()]);
    case "MEDIA_IMAGE":
      return byNumber(
        [...shop.files.values()]
          .filter((f) => f.kind === "MediaImage")
          .map((f) => f.id),
      );
    case "METAFIELD":
      return byNumber(
        [...shop.metafields.values()]
          .filter(metafieldIsTranslatable)
          .map((m) => m.id),
      );
    case "PRODUCT_OPTION":
      return byNumber(
        [...shop.products.values()].flatMap((p) => p.options.map((o) => o.id)),
      );
    case "PRODUCT_OPTION_VALUE":
      return byNumber(
        [...shop.products.values()].flatMap((p) =>
          p.options.flatMap((o) => optionValues(o, nextId).map((v) => v.id)),
        ),
      );
    default:
      return [];
  }
}

/** The resources nested under a product: its options and their values, its images and metafields. */
export function nestedResourceIds(
  shop: ShopState,
  resourceId: string,
  nextId: () => number,
): string[] {
  const product = shop.products.get(resourceId);
  if (!product) return [];
  const owners = new Set([product.id, ...product.variantIds]);
  return [
    ...product.options.map((o) => o.id),
    ...product.options.flatMap((o) => optionValues(o, nextId).map((v) => v.id)),
    ...product.mediaIds.filter(
      (id) => shop.files.get(id)?.kind === "MediaImage",
    ),
    ...[...shop.metafields.values()]
      .filter((m) => owners.has(m.ownerId) && metafieldIsTranslatable(m))
      .map((m) => m.id),
  ];
}

/** The translations of a resource, optionally for one locale and market (null: the all-markets ones). */
export function translationsOf(
  shop: ShopState,
  resourceId: string,
  filter: { locale?: string; marketId?: string | null } = {},
): TranslationRecord[] {
  return shop.translations.filter(
    (t) =>
      t.resourceId === resourceId &&
      (filter.locale === undefined || t.locale === filter.locale) &&
      (filter.marketId === undefined || t.marketId === filter.marketId),
  );
}

/** Whether the source changed since the translation was registered. */
export function isOutdated(
  translation: TranslationRecord,
  view: TranslatableResourceView | null,
): boolean {
  const field = view?.content.find((c) => c.key === translation.key);
  return contentDigest(field?.value ?? null) !== translation.digest;
}

/** What a shopper sees for `key` in `locale`: the translation (outdated or not) or undefined. */
export function translatedValue(
  shop: ShopState,
  resourceId: string,
  key: string,
  locale: string,
): string | undefined {
  return shop.translations.find(
    (t) =>
      t.resourceId === resourceId &&
      t.key === key &&
      t.locale === locale &&
      t.marketId === null,
  )?.value;
}
