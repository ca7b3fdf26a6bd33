// Runs a validated operation against a shop: every resolver map merged once, a field the emulator does not
// implement fails the request (and is recorded), abstract types resolve from the record's GID, and injected
// userErrors faults answer chosen mutations.
import {
  execute,
  GraphQLError,
  getNamedType,
  isObjectType,
  Kind,
  type GraphQLFieldResolver,
  type OperationDefinitionNode,
  type GraphQLTypeResolver,
} from "graphql";
import type { ShopifyEmulator } from "./emulator";
import type { PreparedOperation } from "./graphql-prepare";
import { bulkMutations } from "./resolvers/bulk";
import { bulkMutationResolvers } from "./resolvers/bulk-mutation";
import {
  mergeResolvers,
  type ResolverContext,
  type ResolverMap,
} from "./resolvers/context";
import { fileMutations } from "./resolvers/files";
import { marketResolvers } from "./resolvers/markets";
import { mediaResolvers } from "./resolvers/media";
import { metafieldMutations } from "./resolvers/metafields";
import { metaobjectDefinitionResolvers } from "./resolvers/metaobject-definitions";
import { metaobjectResolvers } from "./resolvers/metaobjects";
import { optionResolvers } from "./resolvers/options";
import { priceListResolvers } from "./resolvers/price-lists";
import { productSetResolvers } from "./resolvers/product-set";
import { productMutations } from "./resolvers/products";
import { publicationResolvers } from "./resolvers/publications";
import { queryResolvers } from "./resolvers/query";
import { translationResolvers } from "./resolvers/translations";
import { typeResolvers } from "./resolvers/types";
import { adminSchema } from "./schema";
import { parseGid } from "./state";

const resolvers: ResolverMap = mergeResolvers(
  typeResolvers,
  queryResolvers,
  {
    Mutation: {
      ...fileMutations,
      ...productMutations,
      ...metafieldMutations,
      ...bulkMutations,
    },
  },
  mediaResolvers,
  publicationResolvers,
  bulkMutationResolvers,
  productSetResolvers,
  translationResolvers,
  marketResolvers,
  metaobjectResolvers,
  metaobjectDefinitionResolvers,
  optionResolvers,
  priceListResolvers,
);

function notImplemented(
  emulator: ShopifyEmulator,
  typeName: string,
  fieldName: string,
): never {
  emulator.unimplemented.add(`${typeName}.${fieldName}`);
  throw new GraphQLError(
    `The store emulator does not implement ${typeName}.${fieldName}`,
    {
      extensions: { code: "EMULATOR_NOT_IMPLEMENTED" },
    },
  );
}

function fieldResolverFor(
  emulator: ShopifyEmulator,
): GraphQLFieldResolver<unknown, ResolverContext> {
  return (source, args, context, info) => {
    const resolver = resolvers[info.parentType.name]?.[info.fieldName];
    if (resolver) return resolver(source, args, context, info);
    if (info.fieldName === "__typename") return info.parentType.name;
    if (
      source !== null &&
      typeof source === "object" &&
      Object.hasOwn(source, info.fieldName)
    ) {
      return (source as Record<string, unknown>)[info.fieldName];
    }
    return notImplemented(emulator, info.parentType.name, info.fieldName);
  };
}

/** Records are identified by their global id's type, which is their GraphQL type name. */
const typeResolver: GraphQLTypeResolver<unknown, ResolverContext> = (value) => {
  const id = (value as { id?: unknown }).id;
  return typeof id === "string" ? parseGid(id)?.type : undefined;
};

/** Mutation payloads answered with injected userErrors: every other payload field is null. */
export function injectUserErrors(
  emulator: ShopifyEmulator,
  domain: string,
  operation: OperationDefinitionNode,
) {
  const faults = emulator.faultsFor(domain).userErrors;
  if (!faults || operation.operation !== "mutation") return null;
  const overrides: ResolverMap["Mutation"] = {};
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const name = selection.name.value;
    const fault = faults[name];
    if (!fault || fault.times === 0) continue;
    if (fault.times !== undefined) fault.times -= 1;
    overrides[name] = userErrorsAnswer(name, fault.errors);
  }
  return Object.keys(overrides).length ? overrides : null;
}

/** A resolver answering mutation `name` with these userErrors and every other payload field null. */
export function userErrorsAnswer(
  name: string,
  errors: { field?: string[]; message: string; code?: string }[],
) {
  const payloadType = getNamedType(
    adminSchema().getMutationType()!.getFields()[name]!.type,
  );
  const payload: Record<string, unknown> = {};
  if (isObjectType(payloadType))
    for (const field of Object.keys(payloadType.getFields()))
      payload[field] = null;
  payload.userErrors = errors.map((e) => ({
    field: e.field ?? null,
    message: e.message,
    code: e.code ?? null,
  }));
  return () => payload;
}

/** Runs a prepared operation against a shop without HTTP, costs or throttling (bulk operations use it). */
export async function run(
  emulator: ShopifyEmulator,
  domain: string,
  prepared: PreparedOperation,
  options: {
    bulk?: boolean;
    mutationOverrides?: ResolverMap["Mutation"] | null;
  } = {},
) {
  const context: ResolverContext = {
    emulator,
    domain,
    shop: emulator.shop(domain),
    bulk: options.bulk ?? false,
    now: emulator.clock.iso(),
  };
  const baseResolver = fieldResolverFor(emulator);
  const overrides = options.mutationOverrides;
  const fieldResolver: GraphQLFieldResolver<unknown, ResolverContext> =
    overrides
      ? (source, args, ctx, info) => {
          const override =
            info.parentType.name === "Mutation"
              ? overrides[info.fieldName]
              : undefined;
          return override
            ? override(source, args, ctx, info)
            : baseResolver(source, args, ctx, info);
        }
      : baseResolver;
  return execute({
    schema: adminSchema(),
    document: prepared.document,
    operationName: prepared.operation.name?.value,
    variableValues: prepared.variables,
    rootValue: {},
    contextValue: context,
    fieldResolver,
    typeResolver,
  });
}
