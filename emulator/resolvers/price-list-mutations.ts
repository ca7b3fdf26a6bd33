// The price list and catalog mutations: catalogCreate (market catalogs), priceListCreate / Update and
// priceListFixedPricesAdd / Delete. Changing a price list sends no webhook (Shopify has no price list topic).
import {
  knownCurrency,
  priceListPrice,
  type AdjustmentType,
  type CatalogRecord,
  type PriceListRecord,
} from "../price-lists";
import type { VariantRecord } from "../state";
import {
  nextId,
  userError,
  type Args,
  type ResolverContext,
  type ResolverMap,
} from "./context";

interface ParentInput {
  adjustment: { type: AdjustmentType; value: number };
  settings?: { compareAtMode: "ADJUSTED" | "NULLIFY" } | null;
}

interface MoneyInput {
  amount: string;
  currencyCode: string;
}

export const priceView = (
  ctx: ResolverContext,
  list: PriceListRecord,
  variant: VariantRecord,
) => ({
  // PriceListPrice has no id of its own; the variant's keys its cursor.
  id: variant.id,
  ...priceListPrice(ctx.shop, list, variant),
  variant,
});

function linkCatalog(
  ctx: ResolverContext,
  list: PriceListRecord,
  catalogId: string | null | undefined,
): string | null {
  if (catalogId === undefined) return null;
  for (const catalog of ctx.shop.catalogs.values())
    if (catalog.priceListId === list.id) catalog.priceListId = null;
  list.catalogId = null;
  if (catalogId === null) return null;
  const catalog = ctx.shop.catalogs.get(catalogId);
  if (!catalog) return "Catalog does not exist.";
  catalog.priceListId = list.id;
  list.catalogId = catalog.id;
  return null;
}

/** The answer to a mutation on a price list that does not exist, with the payload's field `field` null. */
const noPriceList = (field: string, argument: string) => ({
  [field]: null,
  userErrors: [
    userError([argument], "Price list does not exist.", "PRICE_LIST_NOT_FOUND"),
  ],
});

/** The answer when `input.catalogId` names no catalog. */
const noCatalog = (error: string) => ({
  priceList: null,
  userErrors: [
    userError(["input", "catalogId"], error, "CATALOG_DOES_NOT_EXIST"),
  ],
});

function applyParent(list: PriceListRecord, parent: ParentInput): void {
  list.adjustment = { ...parent.adjustment };
  if (parent.settings) list.compareAtMode = parent.settings.compareAtMode;
}
export const priceListMutations: ResolverMap["Mutation"] = {
  catalogCreate: (_root, args: Args, ctx) => {
    const input = args.input as {
      title: string;
      status: CatalogRecord["status"];
      context: { marketIds?: string[] | null };
      priceListId?: string | null;
    };
    const marketIds = input.context.marketIds ?? [];
    if (!marketIds.length || marketIds.some((id) => !ctx.shop.markets.has(id)))
      return {
        catalog: null,
        userErrors: [
          userError(
            ["input", "context", "marketIds"],
            "Market does not exist.",
            "MARKET_NOT_FOUND",
          ),
        ],
      };
    const catalog: CatalogRecord = {
      id: `gid://shopify/MarketCatalog/${nextId(ctx)()}`,
      title: input.title,
      status: input.status,
      marketIds,
      priceListId: null,
    };
    ctx.shop.catalogs.set(catalog.id, catalog);
    const list = input.priceListId
      ? ctx.shop.priceLists.get(input.priceListId)
      : undefined;
    if (list) linkCatalog(ctx, list, catalog.id);
    return { catalog, userErrors: [] };
  },
  priceListCreate: (_root, args: Args, ctx) => {
    const input = args.input as {
      name: string;
      currency: string;
      parent: ParentInput;
      catalogId?: string | null;
    };
    if (!knownCurrency(input.currency))
      return {
        priceList: null,
        userErrors: [
          userError(
            ["input", "currency"],
            `Currency ${input.currency} is not supported.`,
            "CURRENCY_NOT_SUPPORTED",
          ),
        ],
      };
    const list: PriceListRecord = {
      id: `gid://shopify/PriceList/${nextId(ctx)()}`,
      name: input.name,
      currency: input.currency,
      adjustment: { type: "PERCENTAGE_DECREASE", value: 0 },
      compareAtMode: "ADJUSTED",
      fixedPrices: {},
      catalogId: null,
    };
    applyParent(list, input.parent);
    const error = linkCatalog(ctx, list, input.catalogId);
    if (error) return noCatalog(error);
    ctx.shop.priceLists.set(list.id, list);
    return { priceList: list, userErrors: [] };
  },
  priceListUpdate: (_root, args: Args, ctx) => {
    const list = ctx.shop.priceLists.get(args.id as string);
    if (!list) return noPriceList("priceList", "id");
    const input = args.input as {
      name?: string | null;
      currency?: string | null;
      parent?: ParentInput | null;
      catalogId?: string | null;
    };
    const error = linkCatalog(ctx, list, input.catalogId);
    if (error) return noCatalog(error);
    if (input.name) list.name = input.name;
    // "Changing the currency removes all fixed prices from the price list."
    if (input.currency && input.currency !== list.currency) {
      list.currency = input.currency;
      list.fixedPrices = {};
    }
    if (input.parent) applyParent(list, input.parent);
    return { priceList: list, userErrors: [] };
  },
  priceListFixedPricesAdd: (_root, args: Args, ctx) => {
    const list = ctx.shop.priceLists.get(args.priceListId as string);
    if (!list) return noPriceList("prices", "priceListId");
    const inputs = args.prices as {
      variantId: string;
      price: MoneyInput;
      compareAtPrice?: MoneyInput | null;
    }[];
    const errors = inputs.flatMap((input, i) => {
      const at = (field: string) => ["prices", String(i), field];
      if (!ctx.shop.variants.has(input.variantId))
        return [
          userError(at("variantId"), "Variant not found.", "VARIANT_NOT_FOUND"),
        ];
      const currencies = [input.price, input.compareAtPrice]
        .filter((m): m is MoneyInput => !!m)
        .map((m) => m.currencyCode);
      if (currencies.some((c) => c !== list.currency))
        return [
          userError(
            at("price"),
            "The currency specified does not match the price list's currency.",
            "PRICE_LIST_CURRENCY_MISMATCH",
          ),
        ];
      return [];
    });
    if (errors.length) return { prices: null, userErrors: errors };
    for (const input of inputs)
      list.fixedPrices[input.variantId] = {
        price: input.price.amount,
        compareAtPrice: input.compareAtPrice?.amount ?? null,
      };
    return {
      prices: inputs.map((input) =>
        priceView(ctx, list, ctx.shop.variants.get(input.variantId)!),
      ),
      userErrors: [],
    };
  },
  priceListFixedPricesDelete: (_root, args: Args, ctx) => {
    const list = ctx.shop.priceLists.get(args.priceListId as string);
    if (!list) return noPriceList("deletedFixedPriceVariantIds", "priceListId");
    const ids = (args.variantIds as string[]).filter(
      (id) => id in list.fixedPrices,
    );
    for (const id of ids) delete list.fixedPrices[id];
    return { deletedFixedPriceVariantIds: ids, userErrors: [] };
  },
};
