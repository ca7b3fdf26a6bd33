// The types of the app's Admin GraphQL operations (from codegen) and the userErrors → `Invalid` mapping. Every
// call goes through the one throttle-aware client, admin-client.server.ts.
import type { AdminMutations, AdminQueries } from "@shopify/admin-api-client";
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { Invalid } from "~/lib/errors";

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
