// bulkOperationRunQuery: CREATED → RUNNING → COMPLETED, with the result as JSONL where nested connection nodes
// are their own lines carrying `__parentId` (https://shopify.dev/docs/api/usage/bulk-operations/queries).
import {
  getNamedType,
  isObjectType,
  Kind,
  type GraphQLNamedType,
  type SelectionSetNode,
} from "graphql";
import type { ShopifyEmulator } from "../emulator";
import { prepare, run } from "../graphql";
import { adminSchema } from "../schema";
import { gid, type BulkOperationRecord, type ShopState } from "../state";
import {
  userError,
  type Args,
  type ResolverContext,
  type ResolverMap,
} from "./context";

/**
 * "In API versions 2026-01 and higher, you can run up to five bulk mutation operations at a time per shop"
 * (bulk import guide; the 2026-10 schema defers to it). Queries and mutations are counted together here: the
 * changelog speaks of five bulk operations per app and shop, the stricter reading.
 */
export const MAX_RUNNING = 5;

export function runningOperations(shop: ShopState): number {
  return [...shop.bulkOperations.values()].filter(
    (op) =>
      op.status === "CREATED" ||
      op.status === "RUNNING" ||
      op.status === "CANCELING",
  ).length;
}

/** Ends an operation: completedAt from the emulator clock and bulk_operations/finish. */
export function finishOperation(
  emulator: ShopifyEmulator,
  domain: string,
  operation: BulkOperationRecord,
): void {
  operation.completedAt = emulator.clock.iso();
  emulator.webhooks.emit(domain, "bulk_operations/finish", {
    admin_graphql_api_id: operation.id,
    completed_at: operation.completedAt,
    created_at: operation.createdAt,
    error_code: operation.errorCode?.toLowerCase() ?? null,
    status: operation.status.toLowerCase(),
    type: (operation.type ?? "QUERY").toLowerCase(),
  });
}
const MAX_CONNECTIONS = 5;
const MAX_NESTING = 2;

/** Counts connections and their nesting depth in a bulk query; Shopify allows 5 connections, 2 levels deep. */
function connectionShape(
  type: GraphQLNamedType,
  selectionSet: SelectionSetNode | undefined,
  depth = 0,
): { count: number; depth: number } {
  let count = 0;
  let deepest = depth;
  if (!isObjectType(type) || !selectionSet) return { count, depth: deepest };
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const field = type.getFields()[selection.name.value];
    if (!field) continue;
    const fieldType = getNamedType(field.type);
    if (fieldType.name.endsWith("Connection") && isObjectType(fieldType)) {
      count += 1;
      const nodeType = getNamedType(fieldType.getFields().nodes!.type);
      const inner = [...(selection.selectionSet?.selections ?? [])].flatMap(
        (s) => {
          if (s.kind !== Kind.FIELD) return [];
          if (s.name.value === "nodes") return [s.selectionSet];
          if (s.name.value === "edges") {
            return (s.selectionSet?.selections ?? []).flatMap((e) =>
              e.kind === Kind.FIELD && e.name.value === "node"
                ? [e.selectionSet]
                : [],
            );
          }
          return [];
        },
      );
      for (const set of inner) {
        const shape = connectionShape(nodeType, set, depth + 1);
        count += shape.count;
        deepest = Math.max(deepest, shape.depth);
      }
      deepest = Math.max(deepest, depth + 1);
    } else {
      const shape = connectionShape(fieldType, selection.selectionSet, depth);
      count += shape.count;
      deepest = Math.max(deepest, shape.depth);
    }
  }
  return { count, depth: deepest };
}

function connectionNodes(value: unknown): Record<string, unknown>[] | null {
  if (!value || typeof value !== "object") return null;
  const connection = value as { nodes?: unknown; edges?: unknown };
  if (Array.isArray(connection.nodes))
    return connection.nodes as Record<string, unknown>[];
  if (Array.isArray(connection.edges))
    return (connection.edges as { node: Record<string, unknown> }[]).map(
      (e) => e.node,
    );
  return null;
}

/** Flattens one node into its line (without nested connections) followed by its children's lines. */
function flatten(
  node: Record<string, unknown>,
  parentId: string | null,
  lines: string[],
): void {
  const own: Record<string, unknown> = {};
  const children: [string, Record<string, unknown>[]][] = [];
  for (const [key, value] of Object.entries(node)) {
    const nodes = connectionNodes(value);
    if (nodes) children.push([key, nodes]);
    else own[key] = value;
  }
  if (parentId) own.__parentId = parentId;
  lines.push(JSON.stringify(own));
  for (const [, nodes] of children)
    for (const child of nodes)
      flatten(child, (node.id as string | undefined) ?? null, lines);
}

async function runBulk(
  emulator: ShopifyEmulator,
  domain: string,
  operation: BulkOperationRecord,
): Promise<void> {
  if (operation.status === "CANCELING") {
    operation.status = "CANCELED";
    return finishOperation(emulator, domain, operation);
  }
  operation.status = "RUNNING";
  const prepared = prepare({ query: operation.query });
  if ("errors" in prepared) {
    operation.status = "FAILED";
    operation.errorCode = "INTERNAL_SERVER_ERROR";
    return finishOperation(emulator, domain, operation);
  }
  const result = await run(emulator, domain, prepared, { bulk: true });
  if (result.errors?.length || !result.data) {
    operation.status = "FAILED";
    operation.errorCode = "INTERNAL_SERVER_ERROR";
  } else {
    const lines: string[] = [];
    let roots = 0;
    for (const value of Object.values(result.data)) {
      for (const node of connectionNodes(value) ?? []) {
        roots += 1;
        flatten(node, null, lines);
      }
    }
    const body = Buffer.from(
      lines.length ? `${lines.join("\n")}\n` : "",
      "utf8",
    );
    operation.blobKey = emulator.putBlob(body);
    operation.fileSize = body.length;
    operation.objectCount = lines.length;
    operation.rootObjectCount = roots;
    operation.status = "COMPLETED";
  }
  finishOperation(emulator, domain, operation);
}

export const bulkMutations: ResolverMap["Mutation"] = {
  bulkOperationRunQuery: (_root, args: Args, ctx: ResolverContext) => {
    const fail = (message: string, code: string) => ({
      bulkOperation: null,
      userErrors: [userError(["query"], message, code)],
    });
    const prepared = prepare({ query: args.query });
    if ("errors" in prepared)
      return fail(
        `Invalid bulk query: ${(prepared.errors[0] as { message: string }).message}`,
        "INVALID",
      );
    if (prepared.operation.operation !== "query")
      return fail(
        "Bulk queries must be queries; use bulkOperationRunMutation for mutations.",
        "INVALID",
      );
    const shape = connectionShape(
      adminSchema().getQueryType()!,
      prepared.operation.selectionSet,
    );
    if (shape.count === 0)
      return fail(
        "Bulk queries must contain at least one connection.",
        "INVALID",
      );
    if (shape.count > MAX_CONNECTIONS)
      return fail(
        `Bulk queries cannot contain more than ${MAX_CONNECTIONS} connections.`,
        "INVALID",
      );
    if (shape.depth > MAX_NESTING)
      return fail(
        `Bulk queries cannot contain connections nested more than ${MAX_NESTING} levels deep.`,
        "INVALID",
      );
    if (runningOperations(ctx.shop) >= MAX_RUNNING) {
      return fail(
        `A shop can run at most ${MAX_RUNNING} bulk operations at a time.`,
        "LIMIT_REACHED",
      );
    }
    const operation: BulkOperationRecord = {
      id: gid("BulkOperation", ctx.emulator.ids.take()),
      type: "QUERY",
      query: args.query as string,
      status: "CREATED",
      errorCode: null,
      objectCount: 0,
      rootObjectCount: 0,
      fileSize: null,
      blobKey: null,
      createdAt: ctx.now,
      completedAt: null,
    };
    ctx.shop.bulkOperations.set(operation.id, operation);
    const { emulator, domain } = ctx;
    emulator.later(Math.floor(emulator.bulkOperationMs / 2), () => {
      if (operation.status === "CREATED") operation.status = "RUNNING";
    });
    emulator.later(emulator.bulkOperationMs, () =>
      runBulk(emulator, domain, operation),
    );
    return { bulkOperation: operation, userErrors: [] };
  },
};
