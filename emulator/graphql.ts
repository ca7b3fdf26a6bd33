// Executes Admin API GraphQL requests the way Shopify answers them: parse and validate against the real
// 2026-10 schema (invalid documents: HTTP 200, `errors`, no `data`), refuse input arrays over 250 items,
// price the query, throttle with the shop's leaky bucket (THROTTLED is HTTP 200), run the resolvers, and
// report `extensions.cost` on every answer. A field the emulator does not implement fails the request.
//
// Request checks live in graphql-prepare.ts, execution in graphql-execute.ts; this file prices, throttles and
// shapes the answer.
import { actualCost, MAX_QUERY_COST, requestedCost } from "./cost";
import type { ShopifyEmulator } from "./emulator";
import { injectUserErrors, run } from "./graphql-execute";
import { prepare, type GraphqlRequestBody } from "./graphql-prepare";
import { adminSchema } from "./schema";

export { run, userErrorsAnswer } from "./graphql-execute";
export {
  MAX_INPUT_ARRAY,
  prepare,
  withVariables,
  type GraphqlRequestBody,
  type PreparedOperation,
} from "./graphql-prepare";

const RATE_LIMITS_DOC = "https://shopify.dev/api/usage/rate-limits";

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

  const counts = emulator.operationCounts(domain);
  const name = prepared.operation.name?.value ?? "(anonymous)";
  counts.set(name, (counts.get(name) ?? 0) + 1);
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
  emulator.recordSpent(domain, actual);
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
