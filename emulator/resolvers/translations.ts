// translatableResource(s), translatableResourcesByIds, translationsRegister / translationsRemove and the
// `translations` field of translatable objects. translationsRegister checks each translation's digest against the
// current source (a stale digest is refused) and is all-or-nothing here: Shopify does not document whether the
// valid translations of a batch with errors are kept, and refusing the batch is the reading an app cannot
// mistake for success.
import { GraphQLError } from "graphql";
import { connection, type ConnectionArgs } from "../connection";
import {
  contentDigest,
  isOutdated,
  MODELLED_RESOURCE_TYPES,
  nestedResourceIds,
  resourceIdsOfType,
  translatableResource,
  translationsOf,
  type TranslatableResourceView,
  type TranslationRecord,
} from "../translations";
import {
  nextId,
  userError,
  type Args,
  type ResolverContext,
  type ResolverMap,
  type UserErrorShape,
} from "./context";

/** A TranslatableResource with the id connection() needs for cursors. */
const resourceView = (view: TranslatableResourceView) => ({
  ...view,
  id: view.resourceId,
});

function views(ctx: ResolverContext, ids: string[]) {
  return ids
    .map((id) => translatableResource(ctx.shop, id, nextId(ctx)))
    .filter((v): v is TranslatableResourceView => v !== null)
    .map(resourceView);
}

function checkResourceType(ctx: ResolverContext, type: string | undefined) {
  if (type && !(MODELLED_RESOURCE_TYPES as readonly string[]).includes(type)) {
    ctx.emulator.unimplemented.add(`TranslatableResourceType.${type}`);
    throw new GraphQLError(
      `The store emulator does not implement translatable resources of type ${type}`,
      {
        extensions: { code: "EMULATOR_NOT_IMPLEMENTED" },
      },
    );
  }
}

const translationView = (ctx: ResolverContext, t: TranslationRecord) => ({
  ...t,
  outdated: isOutdated(
    t,
    translatableResource(ctx.shop, t.resourceId, nextId(ctx)),
  ),
  market: t.marketId ? (ctx.shop.markets.get(t.marketId) ?? null) : null,
});

function validLocale(ctx: ResolverContext, locale: string): boolean {
  return ctx.shop.info.locales.some((l) => l.locale === locale && !l.primary);
}

function register(_root: unknown, args: Args, ctx: ResolverContext) {
  const resourceId = args.resourceId as string;
  const view = translatableResource(ctx.shop, resourceId, nextId(ctx));
  if (!view)
    return {
      translations: null,
      userErrors: [
        userError(
          ["resourceId"],
          `Resource ${resourceId} does not exist`,
          "RESOURCE_NOT_FOUND",
        ),
      ],
    };
  const inputs = args.translations as {
    key: string;
    locale: string;
    value: string;
    translatableContentDigest: string;
    marketId?: string | null;
  }[];
  const errors: UserErrorShape[] = [];
  inputs.forEach((input, index) => {
    const at = (field: string) => ["translations", String(index), field];
    const field = view.content.find((c) => c.key === input.key);
    if (!validLocale(ctx, input.locale))
      errors.push(
        userError(
          at("locale"),
          `Locale ${input.locale} is not enabled for the shop (or is its primary locale).`,
          "INVALID_LOCALE_FOR_SHOP",
        ),
      );
    else if (!field)
      errors.push(
        userError(
          at("key"),
          `Key ${input.key} is not a valid translatable field.`,
          "INVALID_KEY_FOR_MODEL",
        ),
      );
    else if (
      field.value === null ||
      contentDigest(field.value) !== input.translatableContentDigest
    )
      errors.push(
        userError(
          at("translatableContentDigest"),
          "Translatable content hash is invalid: the source changed since it was read (read translatableResource again).",
          "INVALID_TRANSLATABLE_CONTENT",
        ),
      );
    else if (!input.value.trim())
      errors.push(userError(at("value"), "Value can't be blank.", "BLANK"));
    else if (input.marketId && !ctx.shop.markets.has(input.marketId))
      errors.push(
        userError(
          at("marketId"),
          "The market doesn't exist.",
          "MARKET_DOES_NOT_EXIST",
        ),
      );
  });
  if (errors.length) return { translations: null, userErrors: errors };
  const written = inputs.map((input) => {
    const record: TranslationRecord = {
      resourceId,
      key: input.key,
      locale: input.locale,
      marketId: input.marketId ?? null,
      value: input.value,
      digest: input.translatableContentDigest,
      updatedAt: ctx.now,
    };
    ctx.shop.translations = ctx.shop.translations.filter(
      (t) =>
        !(
          t.resourceId === resourceId &&
          t.key === record.key &&
          t.locale === record.locale &&
          t.marketId === record.marketId
        ),
    );
    ctx.shop.translations.push(record);
    return translationView(ctx, record);
  });
  return { translations: written, userErrors: [] };
}

function remove(_root: unknown, args: Args, ctx: ResolverContext) {
  const resourceId = args.resourceId as string;
  if (!translatableResource(ctx.shop, resourceId, nextId(ctx)))
    return {
      translations: null,
      userErrors: [
        userError(
          ["resourceId"],
          `Resource ${resourceId} does not exist`,
          "RESOURCE_NOT_FOUND",
        ),
      ],
    };
  const locales = args.locales as string[];
  const bad = locales.findIndex((l) => !validLocale(ctx, l));
  if (bad >= 0)
    return {
      translations: null,
      userErrors: [
        userError(
          ["locales", String(bad)],
          `Locale ${locales[bad]} is not enabled for the shop.`,
          "INVALID_LOCALE_FOR_SHOP",
        ),
      ],
    };
  const keys = args.translationKeys as string[];
  const markets = (args.marketIds as string[] | null | undefined) ?? null;
  const removed: TranslationRecord[] = [];
  ctx.shop.translations = ctx.shop.translations.filter((t) => {
    const match =
      t.resourceId === resourceId &&
      locales.includes(t.locale) &&
      keys.includes(t.key) &&
      (markets === null
        ? t.marketId === null
        : t.marketId !== null && markets.includes(t.marketId));
    if (match) removed.push(t);
    return !match;
  });
  return {
    translations: removed.map((t) => translationView(ctx, t)),
    userErrors: [],
  };
}

/** HasPublishedTranslations.translations: translations into a published locale. */
function publishedTranslations(
  source: { id: string },
  args: Args,
  ctx: ResolverContext,
) {
  const locale = args.locale as string;
  if (!ctx.shop.info.locales.some((l) => l.locale === locale && l.published))
    return [];
  return translationsOf(ctx.shop, source.id, {
    locale,
    marketId: (args.marketId as string | undefined) ?? null,
  }).map((t) => translationView(ctx, t));
}

export const translationResolvers: ResolverMap = {
  QueryRoot: {
    translatableResource: (_root, args, ctx) => {
      const view = translatableResource(
        ctx.shop,
        args.resourceId as string,
        nextId(ctx),
      );
      return view ? resourceView(view) : null;
    },
    translatableResources: (_root, args, ctx) => {
      checkResourceType(ctx, args.resourceType as string);
      return connection(
        views(
          ctx,
          resourceIdsOfType(ctx.shop, args.resourceType as string, nextId(ctx)),
        ),
        args as ConnectionArgs,
        ctx.bulk,
      );
    },
    translatableResourcesByIds: (_root, args, ctx) =>
      connection(
        views(ctx, args.resourceIds as string[]),
        args as ConnectionArgs,
        ctx.bulk,
      ),
  },
  Mutation: { translationsRegister: register, translationsRemove: remove },
  TranslatableResource: {
    translatableContent: (view: TranslatableResourceView, _args, ctx) => {
      const primary =
        ctx.shop.info.locales.find((l) => l.primary)?.locale ?? "en";
      return view.content.map((c) => ({
        ...c,
        digest: contentDigest(c.value),
        locale: primary,
      }));
    },
    translations: (view: TranslatableResourceView, args, ctx) =>
      translationsOf(ctx.shop, view.resourceId, {
        locale: args.locale as string,
        marketId: (args.marketId as string | undefined) ?? null,
      })
        .map((t) => translationView(ctx, t))
        .filter(
          (t) =>
            args.outdated === undefined ||
            args.outdated === null ||
            t.outdated === args.outdated,
        ),
    nestedTranslatableResources: (
      view: TranslatableResourceView,
      args,
      ctx,
    ) => {
      checkResourceType(ctx, args.resourceType as string | undefined);
      const nested = views(
        ctx,
        nestedResourceIds(ctx.shop, view.resourceId, nextId(ctx)),
      );
      return connection(
        args.resourceType
          ? nested.filter((v) => v.resourceType === args.resourceType)
          : nested,
        args as ConnectionArgs,
        ctx.bulk,
      );
    },
  },
  Product: { translations: publishedTranslations },
  MediaImage: { translations: publishedTranslations },
  Metafield: { translations: publishedTranslations },
  ProductOption: { translations: publishedTranslations },
  ProductOptionValue: { translations: publishedTranslations },
};
