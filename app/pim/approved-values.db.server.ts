// The approved values of products, as the metafield publish and the sync engine's channels read them.
import db from "~/db.server";
import { primaryLocale } from "~/shop/shop.db.server";
import { decodeValue, type AttributeValueData } from "./attribute-types";
import { listAttributes } from "./attributes.db.server";
import { ANY, type Channel } from "./channels";

export interface ApprovedProductValues {
  productId: string;
  shopifyId: string;
  approvedVersion: number;
  /** Product-level values by attribute key. */
  product: Record<string, AttributeValueData>;
  /** Variant-level values by our variant id, then attribute key. */
  variants: Record<
    string,
    { shopifyId: string; values: Record<string, AttributeValueData> }
  >;
}

/**
 * The approved values of the products, for publishing and the sync engine: default locale, resolved for
 * `channel` (a channel's own value wins over the every-channel one). Products are asked for by our id or by
 * Shopify GID and keyed the way they were asked for. Products of other shops are absent.
 */
export async function approvedValues(
  shop: string,
  productIds: readonly string[],
  channel: Channel = "SHOPIFY_STOREFRONT",
): Promise<Map<string, ApprovedProductValues>> {
  const locale = await primaryLocale(shop);
  const attributes = new Map(
    (await listAttributes(shop)).map((a) => [a.id, a]),
  );
  const requested = new Set(productIds);
  const products = await db.product.findMany({
    where: {
      shop,
      OR: [
        { id: { in: [...requested] } },
        { shopifyId: { in: [...requested] } },
      ],
    },
    select: {
      id: true,
      shopifyId: true,
      approvedVersion: true,
      variants: { select: { id: true, shopifyId: true } },
      values: {
        where: {
          approved: { not: null },
          locale: { in: [ANY, locale] },
          channel: { in: [ANY, channel] },
        },
        select: {
          ownerId: true,
          variantId: true,
          attributeId: true,
          channel: true,
          approved: true,
        },
      },
    },
  });
  const out = new Map<string, ApprovedProductValues>();
  for (const product of products) {
    const result: ApprovedProductValues = {
      productId: product.id,
      shopifyId: product.shopifyId,
      approvedVersion: product.approvedVersion,
      product: {},
      variants: Object.fromEntries(
        product.variants.map((v) => [
          v.id,
          { shopifyId: v.shopifyId, values: {} },
        ]),
      ),
    };
    // Every-channel values first, so a channel's own value overwrites them.
    const ordered = [...product.values].sort(
      (a, b) => Number(a.channel !== ANY) - Number(b.channel !== ANY),
    );
    for (const value of ordered) {
      const attribute = attributes.get(value.attributeId);
      const decoded = decodeValue(value.approved);
      if (!attribute || decoded === null) continue;
      const target = value.variantId
        ? result.variants[value.variantId]?.values
        : result.product;
      if (target) target[attribute.key] = decoded;
    }
    if (requested.has(product.id)) out.set(product.id, result);
    if (requested.has(product.shopifyId)) out.set(product.shopifyId, result);
  }
  return out;
}
