// Catalogs, price lists and contextual pricing: priceList / priceLists, Market.catalogs / priceList, the types
// fields and ProductVariant.contextualPricing. The mutations are in price-list-mutations.ts.
import { connection, recordsOf, type ConnectionArgs } from "../connection";
import type { MarketRecord } from "../markets";
import {
  contextualPrice,
  marketPriceList,
  type CatalogRecord,
  type PriceListRecord,
} from "../price-lists";
import type { VariantRecord } from "../state";
import type { ResolverMap } from "./context";
import { priceListMutations, priceView } from "./price-list-mutations";

export const priceListResolvers: ResolverMap = {
  QueryRoot: {
    priceList: (_root, args, ctx) =>
      ctx.shop.priceLists.get(args.id as string) ?? null,
    priceLists: (_root, args, ctx) =>
      connection(
        [...ctx.shop.priceLists.values()],
        args as ConnectionArgs,
        ctx.bulk,
      ),
  },
  Mutation: priceListMutations,
  Market: {
    catalogs: (m: MarketRecord, args, ctx) =>
      connection(
        [...ctx.shop.catalogs.values()].filter((c) =>
          c.marketIds.includes(m.id),
        ),
        args as ConnectionArgs,
        ctx.bulk,
      ),
    priceList: (m: MarketRecord, _args, ctx) =>
      marketPriceList(ctx.shop, m) ?? null,
  },
  MarketCatalog: {
    markets: (c: CatalogRecord, args, ctx) =>
      connection(
        recordsOf(c.marketIds, ctx.shop.markets),
        args as ConnectionArgs,
        ctx.bulk,
      ),
    priceList: (c: CatalogRecord, _args, ctx) =>
      (c.priceListId && ctx.shop.priceLists.get(c.priceListId)) || null,
    publication: () => null,
    operations: () => [],
  },
  PriceList: {
    catalog: (list: PriceListRecord, _args, ctx) =>
      (list.catalogId && ctx.shop.catalogs.get(list.catalogId)) || null,
    fixedPricesCount: (list: PriceListRecord) =>
      Object.keys(list.fixedPrices).length,
    parent: (list: PriceListRecord) => ({
      adjustment: list.adjustment,
      settings: { compareAtMode: list.compareAtMode },
    }),
    prices: (list: PriceListRecord, args, ctx) => {
      const views = [...ctx.shop.variants.values()]
        .map((variant) => priceView(ctx, list, variant))
        .filter((v) => !args.originType || v.originType === args.originType);
      return connection(views, args as ConnectionArgs, ctx.bulk);
    },
  },
  ProductVariant: {
    contextualPricing: (v: VariantRecord, args, ctx) =>
      contextualPrice(
        ctx.shop,
        v,
        (args.context as { country?: string | null }).country ?? undefined,
      ),
  },
  ProductVariantContextualPricing: {
    unitPrice: () => null,
  },
};
