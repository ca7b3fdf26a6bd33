// Global ids: which record of a shop a GID names, whatever its type (node/nodes, metafield owners, references).
import { parseGid, type ShopState } from "./state";

/** Looks a global id up in a shop, for node/nodes and reference checks. */
export function findNode(
  shop: ShopState,
  id: string,
): { type: string; record: unknown } | null {
  const parsed = parseGid(id);
  if (!parsed) return null;
  const record =
    shop.products.get(id) ??
    shop.variants.get(id) ??
    shop.files.get(id) ??
    shop.metafields.get(id) ??
    shop.definitions.get(id) ??
    shop.bulkOperations.get(id) ??
    shop.publications.get(id) ??
    shop.markets.get(id) ??
    shop.webPresences.get(id) ??
    shop.metaobjects.get(id) ??
    shop.metaobjectDefinitions.get(id);
  return record ? { type: parsed.type, record } : null;
}
