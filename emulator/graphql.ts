// Executes Admin API GraphQL requests the way Shopify answers them: parse and validate against the real
// 2026-10 schema (invalid documents: HTTP 200, `errors`, no `data`), refuse input arrays over 250 items,
// price the query, throttle with the shop's leaky bucket (THROTTLED is HTTP 200), run the resolvers, and
// report `extensions.cost` on every answer. A field the emulator does not implement fails the request.
import {
  execute,
  GraphQLError,
  getNamedType,
  isObjectType,
  Kind,
  parse,
  validate,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type OperationDefinitionNode,
  type GraphQLTypeResolver,
} from "graphql";
import { actualCost, MAX_QUERY_COST, requestedCost } from "./cost";
import type { ShopifyEmulator } from "./emulator";
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
import { productSetResolvers } from "./resolvers/product-set";
import { productMutations } from "./resolvers/products";
import { publicationResolvers } from "./resolvers/publications";
import { queryResolvers } from "./resolvers/query";
import { translationResolvers } from "./resolvers/translations";
import { typeResolvers } from "./resolvers/types";
import { adminSchema } from "./schema";
import { parseGid } from "./state";

export const MAX_INPUT_ARRAY = 250;
const RATE_LIMITS_DOC = "https://shopify.dev/api/usage/rate-limits";

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
);

export interface GraphqlRequestBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export interface GraphqlAnswer {
  status: number;
  body: unknown;
}

function errorBody(
  errors: {
    message: string;
    extensions?: Record<string, unknown>;
    locations?: unknown;
    path?: unknown;
  }[],
) {
  return { errors };
}

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

function largestArray(value: unknown): number {
  if (Array.isArray(value))
    return Math.max(value.length, ...value.map(largestArray));
  if (value && typeof value === "object")
    return Math.max(0, ...Object.values(value).map(largestArray));
  return 0;
}

function literalArraySize(document: DocumentNode): number {
  let largest = 0;
  visit(document, {
    ListValue(node) {
      largest = Math.max(largest, node.values.length);
    },
  });
  return largest;
}

export interface PreparedOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

function inputArrayError(
  document: DocumentNode,
  variables: Record<string, unknown>,
): { errors: Record<string, unknown>[] } | null {
  const arraySize = Math.max(
    largestArray(variables),
    literalArraySize(document),
  );
  if (arraySize <= MAX_INPUT_ARRAY) return null;
  return {
    errors: [
      {
        message: `The input array size of ${arraySize} is greater than the maximum allowed of ${MAX_INPUT_ARRAY}.`,
        extensions: { code: "MAX_INPUT_SIZE_EXCEEDED" },
      },
    ],
  };
}

/**
 * The same validated operation with other variables (a bulk mutation's lines): only the input-array limit is
 * checked again, the document was validated once.
 */
export function withVariables(
  prepared: PreparedOperation,
  variables: Record<string, unknown>,
): PreparedOperation | { errors: Record<string, unknown>[] } {
  return (
    inputArrayError(prepared.document, variables) ?? {
      ...prepared,
      variables,
    }
  );
}

/** Parses and validates a request; returns Shopify-shaped errors when the document is not acceptable. */
export function prepare(
  body: GraphqlRequestBody,
): PreparedOperation | { errors: Record<string, unknown>[] } {
  if (typeof body.query !== "string" || !body.query.trim()) {
    return {
      errors: [
        {
          message: "Parameter Missing or Invalid",
          extensions: { code: "BAD_REQUEST" },
        },
      ],
    };
  }
  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (error) {
    const e = error as GraphQLError;
    return {
      errors: [
        {
          message: e.message,
          locations: e.locations,
          extensions: { code: "PARSE_ERROR" },
        },
      ],
    };
  }
  const validationErrors = validate(adminSchema(), document);
  if (validationErrors.length) {
    return {
      errors: validationErrors.map((e) => ({
        message: e.message,
        locations: e.locations,
        extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
      })),
    };
  }
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = body.operationName
    ? operations.find((o) => o.name?.value === body.operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation)
    return {
      errors: [
        {
          message: "An operation name is required",
          extensions: { code: "BAD_REQUEST" },
        },
      ],
    };
  if (operation.operation === "subscription")
    return {
      errors: [
        {
          message: "Subscriptions are not supported",
          extensions: { code: "BAD_REQUEST" },
        },
      ],
    };
  const variables = (body.variables ?? {}) as Record<string, unknown>;
  const tooLarge = inputArrayError(document, variables);
  if (tooLarge) return tooLarge;
  const fragments = Object.fromEntries(
    document.definitions
      .filter(
        (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
      )
      .map((f) => [f.name.value, f]),
  );
  return { document, operation, fragments, variables };
}

/** Mutation payloads answered with injected userErrors: every other payload field is null. */
function injectUserErrors(
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

/** The Admin API answer to one authenticated GraphQL request for `domain`. */
export async function answerGraphql(
  emulator: ShopifyEmulator,
  domain: string,
  body: GraphqlRequestBody,
): Promise<GraphqlAnswer> {
  const bucket = emulator.bucket(domain);
  const prepared = prepare(body);
  if ("errors" in prepared)
    return { status: 200, body: errorBody(prepared.errors as never) };

  const schema = adminSchema();
  const requested = requestedCost(
    schema,
    prepared.operation,
    prepared.fragments,
    prepared.variables,
  );
  const costExtension = (actual: number | null) => ({
    cost: {
      requestedQueryCost: requested,
      actualQueryCost: actual,
      throttleStatus: bucket.status(),
    },
  });
  if (requested > MAX_QUERY_COST) {
    return {
      status: 200,
      body: {
        errors: [
          {
            message: `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).\n\nSee ${RATE_LIMITS_DOC} for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n`,
            extensions: {
              code: "MAX_COST_EXCEEDED",
              cost: requested,
              maxCost: MAX_QUERY_COST,
              documentation: RATE_LIMITS_DOC,
            },
          },
        ],
        extensions: costExtension(null),
      },
    };
  }

  const faults = emulator.faultsFor(domain);
  let forcedThrottle = false;
  if (faults.throttleNext && faults.throttleNext > 0) {
    faults.throttleNext -= 1;
    forcedThrottle = true;
  } else if (faults.throttleRate && emulator.random() < faults.throttleRate) {
    forcedThrottle = true;
  }
  if (forcedThrottle || !bucket.take(requested)) {
    return {
      status: 200,
      body: {
        errors: [
          {
            message: "Throttled",
            extensions: { code: "THROTTLED", documentation: RATE_LIMITS_DOC },
          },
        ],
        extensions: costExtension(null),
      },
    };
  }

  const result = await run(emulator, domain, prepared, {
    mutationOverrides: injectUserErrors(emulator, domain, prepared.operation),
  });
  const actual = actualCost(
    schema,
    prepared.operation,
    prepared.fragments,
    result.data as Record<string, unknown> | null,
  );
  bucket.refund(Math.max(0, requested - actual));
  const errors = result.errors?.map((e) => ({
    message: e.message,
    locations: e.locations,
    path: e.path,
    extensions: e.extensions?.code
      ? e.extensions
      : { code: "INTERNAL_SERVER_ERROR" },
  }));
  return {
    status: 200,
    body: {
      ...(result.data === undefined ? {} : { data: result.data }),
      ...(errors?.length ? { errors } : {}),
      extensions: costExtension(actual),
    },
  };
}
