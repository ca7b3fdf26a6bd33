// The Admin API side of translations: the shop's published locales, the ids of a product's app metafields,
// translatable content with digests and the current translations per locale, and translationsRegister/Remove.
// https://shopify.dev/docs/apps/build/markets/manage-translated-content
import { Upstream } from "~/lib/errors";
import type { AdminClient } from "~/shopify/admin-client.server";
import { assertNoUserErrors } from "~/shopify/admin-graphql.server";

/** Shopify's limits: 250 ids per translatableResourcesByIds page, and per input array. */
const IDS_PER_CALL = 250;

const SHOP_LOCALES = `#graphql
  query TranslationShopLocales {
    shopLocales(published: true) {
      locale
      primary
    }
  }
`;

const APP_METAFIELD_IDS = `#graphql
  query TranslationMetafieldIds($id: ID!, $variants: Int!, $productFields: Int!, $variantFields: Int!) {
    product(id: $id) {
      id
      metafields(first: $productFields, namespace: "$app") {
        nodes {
          id
          key
        }
      }
      variants(first: $variants) {
        nodes {
          id
          metafields(first: $variantFields, namespace: "$app") {
            nodes {
              id
              key
            }
          }
        }
      }
    }
  }
`;

const TRANSLATABLE = `#graphql
  query TranslationResources($ids: [ID!]!, $first: Int!, $locale: String!, $marketId: ID) {
    translatableResourcesByIds(first: $first, resourceIds: $ids) {
      nodes {
        resourceId
        translatableContent {
          key
          value
          digest
        }
        translations(locale: $locale, marketId: $marketId) {
          key
          value
          outdated
        }
      }
    }
  }
`;

const REGISTER = `#graphql
  mutation TranslationsRegister($resourceId: ID!, $translations: [TranslationInput!]!) {
    translationsRegister(resourceId: $resourceId, translations: $translations) {
      translations {
        key
        locale
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const REMOVE = `#graphql
  mutation TranslationsRemove($resourceId: ID!, $keys: [String!]!, $locales: [String!]!, $marketIds: [ID!]) {
    translationsRemove(resourceId: $resourceId, translationKeys: $keys, locales: $locales, marketIds: $marketIds) {
      translations {
        key
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

/** The shop's published locales as Shopify reports them now. */
export async function readShopLocales(
  client: AdminClient,
): Promise<{ primary: string; others: string[] }> {
  const { shopLocales } = await client.request(SHOP_LOCALES);
  return {
    primary: shopLocales.find((l) => l.primary)?.locale ?? "en",
    others: shopLocales.filter((l) => !l.primary).map((l) => l.locale),
  };
}

/** `ownerGid|key` → the metafield's GID, for the product's and its variants' app metafields. */
export async function readAppMetafieldIds(
  client: AdminClient,
  productGid: string,
  counts: { variants: number; productFields: number; variantFields: number },
): Promise<Map<string, string>> {
  const { product } = await client.request(APP_METAFIELD_IDS, {
    id: productGid,
    variants: Math.min(250, Math.max(1, counts.variants)),
    productFields: Math.min(250, Math.max(1, counts.productFields)),
    variantFields: Math.min(250, Math.max(1, counts.variantFields)),
  });
  const out = new Map<string, string>();
  if (!product) return out;
  for (const m of product.metafields.nodes)
    out.set(`${product.id}|${m.key}`, m.id);
  for (const variant of product.variants.nodes)
    for (const m of variant.metafields.nodes)
      out.set(`${variant.id}|${m.key}`, m.id);
  return out;
}

export interface ResourceRead {
  /** key → the primary-locale source and its digest. */
  content: Map<string, { value: string | null; digest: string | null }>;
  /** key → the translation into the locale read. */
  translations: Map<string, { value: string | null; outdated: boolean }>;
}

/**
 * The resources' translatable content and their translations into `locale` — for every market (`marketId`
 * null) or one market's own — absent ids left out.
 */
export async function readTranslatable(
  client: AdminClient,
  resourceIds: readonly string[],
  locale: string,
  marketId: string | null = null,
): Promise<Map<string, ResourceRead>> {
  const out = new Map<string, ResourceRead>();
  for (let i = 0; i < resourceIds.length; i += IDS_PER_CALL) {
    const ids = resourceIds.slice(i, i + IDS_PER_CALL);
    const data = await client.request(TRANSLATABLE, {
      ids,
      first: ids.length,
      locale,
      marketId,
    });
    for (const node of data.translatableResourcesByIds.nodes)
      out.set(node.resourceId, {
        content: new Map(
          node.translatableContent.map((c) => [
            c.key,
            { value: c.value ?? null, digest: c.digest ?? null },
          ]),
        ),
        translations: new Map(
          node.translations.map((t) => [
            t.key,
            { value: t.value ?? null, outdated: t.outdated },
          ]),
        ),
      });
  }
  return out;
}

export interface TranslationWrite {
  key: string;
  locale: string;
  /** null: every market. */
  marketId: string | null;
  value: string;
  digest: string;
}

/**
 * Registers translations of one resource. A digest that no longer matches (the source changed between our read
 * and this write) is a retryable `Upstream`: the next run reads the new digest. Other userErrors throw `Invalid`.
 */
export async function registerTranslations(
  client: AdminClient,
  resourceId: string,
  writes: readonly TranslationWrite[],
): Promise<void> {
  for (let i = 0; i < writes.length; i += IDS_PER_CALL) {
    const data = await client.request(REGISTER, {
      resourceId,
      translations: writes.slice(i, i + IDS_PER_CALL).map((w) => ({
        key: w.key,
        locale: w.locale,
        value: w.value,
        translatableContentDigest: w.digest,
        marketId: w.marketId,
      })),
    });
    const errors = data.translationsRegister?.userErrors ?? [];
    if (errors.some((e) => e.code === "INVALID_TRANSLATABLE_CONTENT"))
      throw new Upstream(
        `translationsRegister on ${resourceId}: the source changed since it was read`,
        true,
      );
    assertNoUserErrors("translationsRegister", errors);
  }
}

/** Removes the resource's translations of `keys` into `locales`, for every market or one market's. Idempotent. */
export async function removeTranslations(
  client: AdminClient,
  resourceId: string,
  keys: readonly string[],
  locales: readonly string[],
  marketId: string | null = null,
): Promise<void> {
  const data = await client.request(REMOVE, {
    resourceId,
    keys: [...keys],
    locales: [...locales],
    marketIds: marketId ? [marketId] : null,
  });
  const errors = (data.translationsRemove?.userErrors ?? []).filter(
    (e) => e.code !== "RESOURCE_NOT_FOUND",
  );
  assertNoUserErrors("translationsRemove", errors);
}
