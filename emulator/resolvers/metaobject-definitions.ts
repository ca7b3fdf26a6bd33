// Metaobject definitions: metaobjectDefinitionCreate, standardMetaobjectDefinitionEnable (the emulator knows the
// `shopify--color-pattern` template), standardMetafieldDefinitionEnable (the `shopify.color-pattern` product
// category metafield, the one colour options link to) and their reads.
import { connection, type ConnectionArgs } from "../connection";
import {
  definitionByType,
  enableColorPatternDefinitions,
  enableStandardDefinition,
  type MetaobjectDefinitionRecord,
} from "../metaobjects";
import { gid } from "../state";
import { isKnownType } from "../values";
import {
  userError,
  type Args,
  type ResolverContext,
  type ResolverMap,
} from "./context";

/** `$app:foo` → `app--{appId}--foo`, as for metafield namespaces. */
export function expandType(type: string, appId: number): string {
  return type.startsWith("$app:") ? `app--${appId}--${type.slice(5)}` : type;
}

function enableStandard(ctx: ResolverContext, type: string) {
  return enableStandardDefinition(
    ctx.shop,
    type,
    () => ctx.emulator.ids.take(),
    ctx.now,
  );
}

export const metaobjectDefinitionResolvers: ResolverMap = {
  QueryRoot: {
    metaobjectDefinitionByType: (_root, args, ctx) =>
      definitionByType(
        ctx.shop,
        expandType(args.type as string, ctx.emulator.appId),
      ) ?? null,
    metaobjectDefinition: (_root, args, ctx) =>
      ctx.shop.metaobjectDefinitions.get(args.id as string) ?? null,
  },
  Mutation: {
    metaobjectDefinitionCreate: (_root, args: Args, ctx) => {
      const input = args.definition as {
        type: string;
        name?: string;
        description?: string;
        displayNameKey?: string;
        fieldDefinitions?: {
          key: string;
          name?: string;
          type: string;
          required?: boolean;
        }[];
        access?: { admin?: string; storefront?: string };
      };
      const type = expandType(input.type, ctx.emulator.appId);
      const fail = (field: string[], message: string, code: string) => ({
        metaobjectDefinition: null,
        userErrors: [userError(["definition", ...field], message, code)],
      });
      if (type.startsWith("shopify--"))
        return fail(
          ["type"],
          "The type is reserved for Shopify's standard definitions.",
          "RESERVED_NAME",
        );
      if (definitionByType(ctx.shop, type))
        return fail(["type"], "Type has already been taken.", "TAKEN");
      const bad = (input.fieldDefinitions ?? []).findIndex(
        (f) => !isKnownType(f.type),
      );
      if (bad >= 0)
        return fail(
          ["fieldDefinitions", String(bad), "type"],
          "The field type is invalid.",
          "INVALID_TYPE",
        );
      const record: MetaobjectDefinitionRecord = {
        id: gid("MetaobjectDefinition", ctx.emulator.ids.take()),
        type,
        name: input.name ?? type,
        description: input.description ?? null,
        displayNameKey: input.displayNameKey ?? null,
        fieldDefinitions: (input.fieldDefinitions ?? []).map((f) => ({
          key: f.key,
          name: f.name ?? f.key,
          type: f.type,
          required: f.required ?? false,
        })),
        adminAccess:
          input.access?.admin ??
          (type.startsWith("app--") ? "MERCHANT_READ" : "PUBLIC_READ_WRITE"),
        storefrontAccess: input.access?.storefront ?? "NONE",
        standardTemplate: null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
      ctx.shop.metaobjectDefinitions.set(record.id, record);
      return { metaobjectDefinition: record, userErrors: [] };
    },
    standardMetaobjectDefinitionEnable: (_root, args, ctx) => {
      const record = enableStandard(ctx, args.type as string);
      return record
        ? { metaobjectDefinition: record, userErrors: [] }
        : {
            metaobjectDefinition: null,
            userErrors: [
              userError(
                ["type"],
                `No standard metaobject definition template for ${args.type}.`,
                "RECORD_NOT_FOUND",
              ),
            ],
          };
    },
    standardMetafieldDefinitionEnable: (_root, args, ctx) => {
      // The emulator knows one standard template: the product category metafield shopify.color-pattern.
      if (
        args.namespace !== "shopify" ||
        args.key !== "color-pattern" ||
        args.ownerType !== "PRODUCT"
      )
        return {
          createdDefinition: null,
          userErrors: [
            userError(
              null,
              "The standard metafield definition template was not found.",
              "TEMPLATE_NOT_FOUND",
            ),
          ],
        };
      const record = enableColorPatternDefinitions(
        ctx.shop,
        () => ctx.emulator.ids.take(),
        ctx.now,
      );
      return record
        ? { createdDefinition: record, userErrors: [] }
        : {
            createdDefinition: null,
            userErrors: [userError(null, "Key is in use.", "TAKEN")],
          };
    },
  },
  MetaobjectDefinition: {
    access: (d: MetaobjectDefinitionRecord) => ({
      admin: d.adminAccess,
      storefront: d.storefrontAccess,
      customerAccount: "NONE",
    }),
    metaobjectsCount: (d: MetaobjectDefinitionRecord, _args, ctx) =>
      [...ctx.shop.metaobjects.values()].filter((m) => m.type === d.type)
        .length,
    metaobjects: (d: MetaobjectDefinitionRecord, args, ctx) =>
      connection(
        [...ctx.shop.metaobjects.values()].filter((m) => m.type === d.type),
        args as ConnectionArgs,
        ctx.bulk,
      ),
    standardTemplate: () => null,
    hasThumbnailField: (d: MetaobjectDefinitionRecord) =>
      d.fieldDefinitions.some(
        (f) => f.type === "color" || f.type === "file_reference",
      ),
  },
  MetaobjectFieldDefinition: {
    type: (f: { type: string }) => ({
      name: f.type,
      category: f.type.replace(/^list\./, "").split("_")[0],
      supportedValidations: [],
      supportsDefinitionMigrations: false,
    }),
    validations: () => [],
    description: () => null,
  },
};
