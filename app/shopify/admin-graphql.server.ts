// Calls the Admin GraphQL API through the library's client and turns failures into AppErrors.
// The throttle-aware pacing client for bulk publishing builds on this (issue #5/#6).
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { GraphqlQueryError } from "@shopify/shopify-api";
import { Invalid, Upstream } from "~/lib/errors";

export type AdminGraphql = AdminApiContext["graphql"];

export interface UserError {
  field?: readonly string[] | null;
  message: string;
  code?: string | null;
}

/** Runs one operation; returns `data`. Throws `Upstream` (retryable unless Shopify said the query is invalid). */
export async function adminQuery<T>(
  graphql: AdminGraphql,
  document: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  let response: Response;
  try {
    response = await graphql(document, variables ? { variables } : undefined);
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
  const body = (await response.json()) as { data?: T };
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
