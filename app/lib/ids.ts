// Identifiers shared by routes, jobs and webhooks, as zod schemas so every boundary parses them the same way.
import { z } from "zod";

/** A shop's permanent myshopify domain, the tenant key of every row and job. */
export const shopDomain = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/,
    "must be a {name}.myshopify.com domain",
  );

/** A Shopify global id of one resource type, e.g. `gid://shopify/Product/123`. */
export function shopifyGid<T extends string>(type: T) {
  return z
    .string()
    .regex(
      new RegExp(`^gid://shopify/${type}/\\d+$`),
      `must be a gid://shopify/${type}/… id`,
    );
}

export function toShopifyGid(type: string, id: number | string): string {
  return `gid://shopify/${type}/${id}`;
}
