// Admin API request checks before anything runs: a query is present and parses, validates against the real
// 2026-10 schema (invalid documents: HTTP 200, `errors`, no `data`), names one operation, is not a
// subscription, and no input array holds more than 250 items.
import {
  Kind,
  parse,
  validate,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type OperationDefinitionNode,
} from "graphql";
import { adminSchema } from "./schema";

export const MAX_INPUT_ARRAY = 250;

export interface GraphqlRequestBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

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
