// The Shopify side of publishing images, products part: what media a product holds and in which state, and each
// variant's image (detach what is wrong, append what is missing). Batches respect Shopify's limit of 100
// variant-media pairs per call; every call goes through the throttle-aware AdminClient.
import { Invalid } from "~/lib/errors";
import type { AdminClient } from "~/shopify/admin-client.server";
import type { OperationData } from "~/shopify/admin-graphql.server";
import { chunks } from "~/lib/chunks";
import { assertFileUserErrors } from "./shopify-media.server";

const VARIANT_PAIRS_PER_CALL = 100;

const APPEND_VARIANT_MEDIA = `#graphql
  mutation AppendVariantMedia($productId: ID!, $variantMedia: [ProductVariantAppendMediaInput!]!) {
    productVariantAppendMedia(productId: $productId, variantMedia: $variantMedia) {
      userErrors { field message code }
    }
  }
`;

const DETACH_VARIANT_MEDIA = `#graphql
  mutation DetachVariantMedia($productId: ID!, $variantMedia: [ProductVariantDetachMediaInput!]!) {
    productVariantDetachMedia(productId: $productId, variantMedia: $variantMedia) {
      userErrors { field message code }
    }
  }
`;

// Two reads: media and variants together would request more than the 1000-point query limit.
// Page sizes follow what we expect to read: Shopify throttles on the *requested* cost, and a product with 12
// variants must not pay for 200 (a full page requests 802 points, 40 % of a Standard bucket).
const PRODUCT_MEDIA = `#graphql
  query ProductMediaState($id: ID!, $first: Int!) {
    product(id: $id) {
      media(first: $first) { nodes { id status } pageInfo { hasNextPage } }
    }
  }
`;

// 2 + first × (variant 1 + media connection 2 + 1 node) points per page (802 for 200).
const PRODUCT_VARIANT_MEDIA = `#graphql
  query ProductVariantMediaState($id: ID!, $first: Int!, $after: String) {
    product(id: $id) {
      variants(first: $first, after: $after) {
        nodes { id media(first: 1) { nodes { id } } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;

export interface ProductMedia {
  media: { id: string; status: string }[];
  /** variant id → its media id (Shopify allows one). */
  variantMedia: Map<string, string | null>;
}

/**
 * The product's media and each variant's image. `expected` sizes the first pages (the variants and media we know
 * of); more pages are read when Shopify has more.
 */
export async function productMedia(
  client: AdminClient,
  productId: string,
  expected: { variants?: number; media?: number } = {},
): Promise<ProductMedia> {
  const pageOf = (n: number | undefined, max: number) =>
    Math.min(max, Math.max(10, (n ?? max) + 5));
  let data = await client.request(PRODUCT_MEDIA, {
    id: productId,
    first: pageOf(expected.media, 250),
  });
  if (data.product?.media.pageInfo.hasNextPage)
    data = await client.request(PRODUCT_MEDIA, { id: productId, first: 250 });
  if (!data.product)
    throw new Invalid(`product ${productId} does not exist in Shopify`);
  const variantMedia = new Map<string, string | null>();
  let after: string | null = null;
  do {
    const page: OperationData<typeof PRODUCT_VARIANT_MEDIA> =
      await client.request(PRODUCT_VARIANT_MEDIA, {
        id: productId,
        first: pageOf(expected.variants, 200),
        after,
      });
    const variants = page.product?.variants;
    for (const variant of variants?.nodes ?? [])
      variantMedia.set(variant.id, variant.media.nodes[0]?.id ?? null);
    after = variants?.pageInfo.hasNextPage
      ? (variants.pageInfo.endCursor ?? null)
      : null;
  } while (after);
  return {
    media: data.product.media.nodes.map((m) => ({
      id: m.id,
      status: m.status,
    })),
    variantMedia,
  };
}

/**
 * Points each variant at its image (the media must be on the product and READY) and takes our unlinked images off
 * the variants in `detach`. Shopify allows one media per variant and no in-place swap: a variant showing another
 * image is detached first.
 */
export async function setVariantImages(
  client: AdminClient,
  productId: string,
  wanted: Map<string, string>,
  current: Map<string, string | null>,
  detach: Map<string, string> = new Map(),
): Promise<number> {
  const changes = [...wanted].filter(
    ([variantId, mediaId]) => current.get(variantId) !== mediaId,
  );
  const detaching = [
    ...changes
      .filter(([variantId]) => current.get(variantId))
      .map(([variantId]) => ({
        variantId,
        mediaIds: [current.get(variantId)!],
      })),
    ...[...detach].map(([variantId, mediaId]) => ({
      variantId,
      mediaIds: [mediaId],
    })),
  ];
  for (const batch of chunks(detaching, VARIANT_PAIRS_PER_CALL)) {
    const data = await client.request(DETACH_VARIANT_MEDIA, {
      productId,
      variantMedia: batch,
    });
    assertFileUserErrors(
      "productVariantDetachMedia",
      data.productVariantDetachMedia?.userErrors ?? [],
    );
  }
  for (const batch of chunks(
    changes.map(([variantId, mediaId]) => ({ variantId, mediaIds: [mediaId] })),
    VARIANT_PAIRS_PER_CALL,
  )) {
    const data = await client.request(APPEND_VARIANT_MEDIA, {
      productId,
      variantMedia: batch,
    });
    assertFileUserErrors(
      "productVariantAppendMedia",
      data.productVariantAppendMedia?.userErrors ?? [],
    );
  }
  return changes.length + detach.size;
}
