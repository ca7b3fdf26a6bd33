// Calls the Admin GraphQL API through the library's client and turns failures into AppErrors.
// The throttle-aware pacing client for bulk publishing builds on this (issue #5/#6).
import type { AdminMutations, AdminQueries } from "@shopify/admin-api-client";
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { GraphqlQueryError } from "@shopify/shopify-api";
import { Invalid, Upstream } from "~/lib/errors";

export type AdminGraphql = AdminApiContext["graphql"];

export interface UserError {
  field?: readonly string[] | null;
  message: string;
  code?: string | null;
}

/** Every `#graphql` document of the app, typed by `npm run graphql-codegen` (app/types/admin.generated.d.ts). */
type Operations = AdminQueries & AdminMutations;
export type OperationDocument = keyof Operations & string;
export type OperationData<D extends OperationDocument> =
  Operations[D]["return"];
export type OperationVariables<D extends OperationDocument> =
  Operations[D]["variables"];

/**
 * Runs one typed operation; returns its `data`. Throws `Upstream` (retryable unless Shopify said the query
 * is invalid).
 */
export async function adminQuery<D extends OperationDocument>(
  graphql: AdminGraphql,
  document: D,
  variables?: OperationVariables<D>,
): Promise<OperationData<D>> {
  let response: Response;
  try {
    response = await graphql(
      document,
      variables
        ? { variables: variables as Record<string, unknown> }
        : undefined,
    );
  } catch (error) {
    if (error instanceof GraphqlQueryError) {
      const codes = (
        error.body?.errors as
          { graphQLErrors?: { extensions?: { code?: string } }[] } | undefined
      )?.graphQLErrors?.map((e) => e.extensions?.code);
      const retryable =
        codes?.some(
          (code) => code === "THROTTLED" || code === "INTERNAL_SERVER_ERROR",
        ) ?? true;
      throw new Upstream(`Shopify GraphQL: ${error.message}`, retryable, {
        cause: error,
      });
    }
    throw new Upstream(
      `Shopify GraphQL request failed: ${(error as Error).message}`,
      true,
      { cause: error },
    );
  }
  const body = (await response.json()) as { data?: OperationData<D> };
  if (!body.data)
    throw new Upstream("Shopify GraphQL answered without data", true);
  return body.data;
}

/** Throws `Invalid` listing Shopify's userErrors of a mutation payload, if any. */
export function assertNoUserErrors(
  operation: string,
  userErrors: readonly UserError[],
): void {
  if (userErrors.length === 0) return;
  const fieldErrors: Record<string, string[]> = {};
  for (const error of userErrors) {
    const key = error.field?.join(".") ?? "_";
    (fieldErrors[key] ??= []).push(
      error.code ? `${error.message} (${error.code})` : error.message,
    );
  }
  throw new Invalid(
    `${operation}: ${userErrors.map((e) => e.message).join("; ")}`,
    fieldErrors,
  );
}
