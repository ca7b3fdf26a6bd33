import type { GraphQLResolveInfo } from "graphql";
import type { ShopifyEmulator } from "../emulator";
import type { ShopState } from "../state";

export interface ResolverContext {
  emulator: ShopifyEmulator;
  domain: string;
  shop: ShopState;
  /** Inside a bulk operation: connections return everything, without first/last. */
  bulk: boolean;
  /** The emulator clock when the request started (ISO 8601), used for every timestamp it writes. */
  now: string;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- graphql-js hands resolvers untyped sources and args;
   each resolver narrows what it reads. */
export type Args = Record<string, any>;
export type Resolver = (
  source: any,
  args: Args,
  context: ResolverContext,
  info: GraphQLResolveInfo,
) => unknown;
/* eslint-enable @typescript-eslint/no-explicit-any */
export type ResolverMap = Record<string, Record<string, Resolver>>;

export interface UserErrorShape {
  field: string[] | null;
  message: string;
  code?: string | null;
  elementIndex?: number | null;
}

export function userError(
  field: string[] | null,
  message: string,
  code?: string,
  elementIndex?: number,
): UserErrorShape {
  return {
    field,
    message,
    code: code ?? null,
    ...(elementIndex === undefined ? {} : { elementIndex }),
  };
}

/** Merges resolver maps type by type (several modules resolve fields of Product, Mutation…). */
export function mergeResolvers(...maps: ResolverMap[]): ResolverMap {
  const merged: ResolverMap = {};
  for (const map of maps)
    for (const [type, fields] of Object.entries(map))
      merged[type] = { ...merged[type], ...fields };
  return merged;
}

/** The next id of the emulator's sequence (Shopify-looking numeric ids). */
export function nextId(ctx: ResolverContext): () => number {
  return () => ctx.emulator.ids.take();
}
