// Webhook-driven mirror updates. products/update fires for every change Shopify sees, including our own metafield
// writes (the echo); we recognise those without a read when Shopify's updated_at is the one our write produced,
// and otherwise read the product and compare its digest before touching anything.
import type { AdminClient } from "~/shopify/admin-client.server";
import type { OperationData } from "~/shopify/admin-graphql.server";
import {
  MIRROR_PRODUCT_FIELDS,
  MIRROR_VARIANT_FIELDS,
} from "~/shopify/mirror-fields";
import { assignFamilyTo } from "./attributes.db.server";
import { toMirrorProduct, toMirrorVariant } from "./catalogue-lines";
import {
  deleteMirrorProduct,
  findMirrorProduct,
  mirrorDigest,
  replaceMirrorProduct,
  touchMirrorProduct,
} from "./mirror.db.server";
import { recomputeCompleteness } from "./completeness.db.server";

const PRODUCT_FOR_MIRROR = `#graphql
  query ProductForMirror($id: ID!, $variants: Int!, $after: String) {
    product(id: $id) {
      ...MirrorProductFields
      variants(first: $variants, after: $after) {
        nodes {
          ...MirrorVariantFields
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
  ${MIRROR_PRODUCT_FIELDS}
  ${MIRROR_VARIANT_FIELDS}
` as const;

type MirrorRead = NonNullable<
  OperationData<typeof PRODUCT_FOR_MIRROR>["product"]
>;

/**
 * The product and all its variants. Shopify throttles on the requested cost (about two points per variant asked
 * for), so the page is sized to the variants the mirror already holds plus room for a few new ones, not to 250:
 * a webhook refresh of a 12-variant coat asks ~50 points instead of ~500, and does not wait for a bucket that a
 * burst of pushes keeps low. More variants than expected: the next pages.
 */
async function readForMirror(
  client: AdminClient,
  productGid: string,
  knownVariants: number | undefined,
): Promise<{
  product: MirrorRead;
  variantNodes: MirrorRead["variants"]["nodes"][number][];
} | null> {
  const pageSize = Math.min(250, (knownVariants ?? 90) + 10);
  let product: MirrorRead | null | undefined;
  const variantNodes: MirrorRead["variants"]["nodes"][number][] = [];
  let after: string | null = null;
  do {
    const page: OperationData<typeof PRODUCT_FOR_MIRROR> = await client.request(
      PRODUCT_FOR_MIRROR,
      { id: productGid, variants: pageSize, after },
    );
    if (!page.product) return null;
    product ??= page.product;
    variantNodes.push(...page.product.variants.nodes);
    after = page.product.variants.pageInfo.hasNextPage
      ? (page.product.variants.pageInfo.endCursor ?? null)
      : null;
  } while (after);
  return { product: product!, variantNodes };
}

export type RefreshOutcome =
  "stale" | "echo" | "unchanged" | "updated" | "created" | "gone";

/**
 * Brings one product of the mirror up to Shopify's state. Idempotent; drops out-of-order deliveries (older
 * `updatedAt` than the one we hold) and echoes of our own writes. Throws `Upstream` when Shopify fails.
 */
export async function refreshProduct(
  shop: string,
  client: AdminClient,
  productGid: string,
  webhookUpdatedAt: Date | null,
): Promise<RefreshOutcome> {
  const existing = await findMirrorProduct(shop, productGid);
  if (existing && webhookUpdatedAt) {
    if (
      existing.echoUpdatedAt &&
      existing.echoUpdatedAt.getTime() === webhookUpdatedAt.getTime()
    ) {
      await touchMirrorProduct(shop, existing.id, webhookUpdatedAt);
      return "echo";
    }
    if (
      existing.shopifyUpdatedAt &&
      existing.shopifyUpdatedAt.getTime() >= webhookUpdatedAt.getTime()
    )
      return "stale";
  }
  const read = await readForMirror(client, productGid, existing?.variants);
  if (!read) {
    await deleteMirrorProduct(shop, productGid);
    return "gone";
  }
  const { product, variantNodes } = read;
  const mirrored = toMirrorProduct({
    ...product,
    tags: [...product.tags],
    category: product.category ?? null,
  });
  const variants = variantNodes.map((v) =>
    toMirrorVariant({
      ...v,
      selectedOptions: v.selectedOptions.map((o) => ({ ...o })),
    }),
  );
  if (existing && existing.mirrorDigest === mirrorDigest(mirrored, variants)) {
    await touchMirrorProduct(shop, existing.id, mirrored.shopifyUpdatedAt);
    return "unchanged";
  }
  const productId = await replaceMirrorProduct(shop, mirrored, variants);
  // A new product (or a new type) may now belong to a family; variants may have come or gone.
  await assignFamilyTo(shop, productId);
  await recomputeCompleteness(shop, [productId]);
  return existing ? "updated" : "created";
}

/** products/delete: forget the product and its PIM data. Idempotent. */
export async function removeProduct(
  shop: string,
  productGid: string,
): Promise<boolean> {
  return (await deleteMirrorProduct(shop, productGid)) > 0;
}
