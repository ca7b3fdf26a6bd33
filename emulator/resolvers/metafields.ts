// metafieldsSet (≤ 25, atomic, compareDigest) and metafieldsDelete; metafieldDefinitionCreate
// (metafield-definitions.ts) is served from the same map, and the write rules live in metafield-writes.ts.
import { expandNamespace } from "../values";
import { userError, type Args, type ResolverMap } from "./context";
import { metafieldDefinitionMutations } from "./metafield-definitions";
import {
  findMetafield,
  touchOwners,
  writeMetafields,
} from "./metafield-writes";

export const METAFIELDS_SET_LIMIT = 25;

export const metafieldMutations: ResolverMap["Mutation"] = {
  metafieldsSet: (_root, args: Args, ctx) => {
    const inputs = args.metafields as Record<string, unknown>[];
    if (inputs.length > METAFIELDS_SET_LIMIT) {
      return {
        metafields: null,
        userErrors: [
          userError(
            ["metafields"],
            `Exceeded the maximum metafields input limit of ${METAFIELDS_SET_LIMIT}.`,
            "LESS_THAN_OR_EQUAL_TO",
          ),
        ],
      };
    }
    const writes = inputs.map((input) => ({
      ownerId: input.ownerId as string,
      namespace: input.namespace as string | undefined,
      key: input.key as string,
      type: input.type as string | undefined,
      value: input.value as string,
      compareDigest: input.compareDigest as string | null | undefined,
      hasCompareDigest: Object.hasOwn(input, "compareDigest"),
    }));
    const result = writeMetafields(ctx, writes);
    return {
      metafields: result.userErrors.length ? null : result.metafields,
      userErrors: result.userErrors,
    };
  },

  metafieldsDelete: (_root, args: Args, ctx) => {
    const identifiers = args.metafields as {
      ownerId: string;
      namespace: string;
      key: string;
    }[];
    const owners: string[] = [];
    const deletedMetafields = identifiers.map((identifier) => {
      const namespace = expandNamespace(
        identifier.namespace,
        ctx.emulator.appId,
      );
      const existing = findMetafield(
        ctx,
        identifier.ownerId,
        namespace,
        identifier.key,
      );
      if (!existing) return null;
      ctx.shop.metafields.delete(existing.id);
      owners.push(existing.ownerId);
      return {
        ownerId: existing.ownerId,
        namespace: existing.namespace,
        key: existing.key,
      };
    });
    touchOwners(ctx, owners);
    return { deletedMetafields, userErrors: [] };
  },

  ...metafieldDefinitionMutations,
};
