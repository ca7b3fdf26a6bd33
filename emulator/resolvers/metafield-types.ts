// Metafield and MetafieldDefinition fields, and the metafield/metafields fields of their owners.
import { connection, type ConnectionArgs } from "../connection";
import { findNode } from "../nodes";
import {
  metafieldDigest,
  parseGid,
  type MetafieldDefinitionRecord,
  type MetafieldRecord,
} from "../state";
import { expandNamespace, jsonValue } from "../values";
import type { Args, ResolverContext, ResolverMap } from "./context";

const legacyId = (record: { id: string }) => String(parseGid(record.id)!.id);

export function ownerMetafields(
  ctx: ResolverContext,
  ownerId: string,
): MetafieldRecord[] {
  return [...ctx.shop.metafields.values()].filter((m) => m.ownerId === ownerId);
}

/** An owner's `metafield(namespace, key)` field. */
export function metafieldResolver(
  source: { id: string },
  args: Args,
  ctx: ResolverContext,
) {
  const namespace = expandNamespace(
    args.namespace as string | undefined,
    ctx.emulator.appId,
  );
  return (
    ownerMetafields(ctx, source.id).find(
      (m) => m.namespace === namespace && m.key === args.key,
    ) ?? null
  );
}

/** An owner's `metafields(namespace, keys)` connection. */
export function metafieldsResolver(
  source: { id: string },
  args: Args,
  ctx: ResolverContext,
) {
  let list = ownerMetafields(ctx, source.id);
  if (args.namespace) {
    const namespace = expandNamespace(
      args.namespace as string,
      ctx.emulator.appId,
    );
    list = list.filter((m) => m.namespace === namespace);
  }
  if (Array.isArray(args.keys)) {
    const keys = (args.keys as string[]).map((k) => {
      const dot = k.lastIndexOf(".");
      return `${expandNamespace(k.slice(0, dot), ctx.emulator.appId)}.${k.slice(dot + 1)}`;
    });
    list = list.filter((m) => keys.includes(`${m.namespace}.${m.key}`));
  }
  return connection(list, args as ConnectionArgs, ctx.bulk);
}

export const metafieldTypeResolvers: ResolverMap = {
  Metafield: {
    legacyResourceId: legacyId,
    jsonValue: (m: MetafieldRecord) => jsonValue(m.type, m.value),
    compareDigest: (m: MetafieldRecord) => metafieldDigest(m),
    owner: (m: MetafieldRecord, _args, ctx) =>
      findNode(ctx.shop, m.ownerId)?.record ?? null,
    definition: (m: MetafieldRecord, _args, ctx) =>
      [...ctx.shop.definitions.values()].find(
        (d) =>
          d.namespace === m.namespace &&
          d.key === m.key &&
          d.ownerType === m.ownerType,
      ) ?? null,
    reference: (m: MetafieldRecord, _args, ctx) =>
      m.type.endsWith("_reference") && !m.type.startsWith("list.")
        ? (findNode(ctx.shop, m.value)?.record ?? null)
        : null,
    references: (m: MetafieldRecord, args, ctx) => {
      if (!m.type.startsWith("list.") || !m.type.endsWith("_reference"))
        return null;
      const ids = JSON.parse(m.value) as string[];
      const records = ids
        .map((id) => findNode(ctx.shop, id)?.record)
        .filter(Boolean) as { id: string }[];
      return connection(records, args as ConnectionArgs, ctx.bulk);
    },
    sizeInBytes: (m: MetafieldRecord) => Buffer.byteLength(m.value, "utf8"),
  },
  MetafieldDefinition: {
    type: (d: MetafieldDefinitionRecord) => ({
      name: d.type,
      category: d.type.replace(/^list\./, "").split("_")[0],
      supportedValidations: [],
      supportsDefinitionMigrations: false,
    }),
    access: (d: MetafieldDefinitionRecord) => ({
      admin: d.adminAccess,
      storefront: d.storefrontAccess,
      customerAccount: "NONE",
    }),
    validations: (d: MetafieldDefinitionRecord) =>
      d.validations.map((v) => ({ ...v, type: "single_line_text_field" })),
    metafieldsCount: (d: MetafieldDefinitionRecord, _args, ctx) =>
      [...ctx.shop.metafields.values()].filter(
        (m) =>
          m.namespace === d.namespace &&
          m.key === d.key &&
          m.ownerType === d.ownerType,
      ).length,
    capabilities: () => ({
      adminFilterable: {
        enabled: false,
        eligible: true,
        status: "NOT_FILTERABLE",
      },
      smartCollectionCondition: { enabled: false, eligible: true },
      uniqueValues: { enabled: false, eligible: true },
    }),
    useAsCollectionCondition: () => false,
    validationStatus: () => "ALL_VALID",
    standardTemplate: () => null,
    constraints: () => null,
  },
};
