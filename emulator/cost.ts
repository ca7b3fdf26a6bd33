// Shopify's calculated query cost and leaky-bucket throttle, as documented:
// https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits — scalars and enums 0, objects 1,
// connections 2 + the objects requested (children multiplied by the page size), mutations 10,
// productUpdate 10 + 1.9 per media (dynamic complexity). A single query may cost at most 1000.
//
// The leaky bucket lives in leaky-bucket.ts, what the calculation reads from an operation in cost-fields.ts.
import {
  getNamedType,
  isLeafType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import {
  argumentValue,
  collectFields,
  fieldDefinition,
  fieldsOf,
  isConnection,
  mutationFieldCost,
  type CostContext,
} from "./cost-fields";

export { LeakyBucket, type ThrottleStatus } from "./leaky-bucket";

export const MAX_QUERY_COST = 1000;

/** The cost of the objects selected under `parent`. */
function selectionCost(
  parent: GraphQLNamedType,
  selectionSet: SelectionSetNode | undefined,
  ctx: CostContext,
): number {
  let cost = 0;
  for (const field of collectFields(selectionSet, ctx)) {
    const definition = fieldDefinition(parent, field.name.value, ctx);
    if (!definition) continue;
    const type = getNamedType(definition.type);
    if (isLeafType(type)) continue;
    if (isConnection(type)) {
      const pageSize = Number(
        argumentValue(field, "first", ctx.variables) ??
          argumentValue(field, "last", ctx.variables) ??
          0,
      );
      cost += 2 + pageSize * connectionNodeCost(type, field, ctx);
    } else {
      cost += 1 + selectionCost(type, field.selectionSet, ctx);
    }
  }
  return cost;
}

/** The cost of one node of a connection: the node object and what is selected in it. */
function connectionNodeCost(
  connection: GraphQLNamedType,
  field: FieldNode,
  ctx: CostContext,
): number {
  let nodeCost = 0;
  const connectionFields = fieldsOf(connection);
  for (const child of collectFields(field.selectionSet, ctx)) {
    if (child.name.value === "nodes") {
      const nodeType = getNamedType(connectionFields.nodes!.type);
      nodeCost = Math.max(
        nodeCost,
        1 + selectionCost(nodeType, child.selectionSet, ctx),
      );
    } else if (child.name.value === "edges") {
      const edgeType = getNamedType(connectionFields.edges!.type);
      for (const edgeField of collectFields(child.selectionSet, ctx)) {
        if (edgeField.name.value !== "node") continue;
        const nodeType = getNamedType(fieldsOf(edgeType).node!.type);
        nodeCost = Math.max(
          nodeCost,
          1 + selectionCost(nodeType, edgeField.selectionSet, ctx),
        );
      }
    }
  }
  return nodeCost;
}

/** The requested cost of an operation, computed before it runs from the page sizes it asks for. */
export function requestedCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  const ctx: CostContext = { schema, fragments, variables };
  if (operation.operation === "mutation") {
    return collectFields(operation.selectionSet, ctx).reduce(
      (sum, field) => sum + mutationFieldCost(field, ctx),
      0,
    );
  }
  return selectionCost(schema.getQueryType()!, operation.selectionSet, ctx);
}

/**
 * The actual cost, from what the operation returned: connections cost 2 plus the nodes they returned.
 * Shopify refunds the difference between requested and actual cost to the bucket.
 */
export function actualCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  data: Record<string, unknown> | null | undefined,
): number {
  const ctx: CostContext = { schema, fragments, variables: {} };
  if (!data) return 0;
  if (operation.operation === "mutation") {
    return collectFields(operation.selectionSet, ctx).reduce(
      (sum, field) =>
        sum +
        (data[field.alias?.value ?? field.name.value] === undefined
          ? 0
          : mutationFieldCost(field, ctx)),
      0,
    );
  }
  return resultCost(schema.getQueryType()!, operation.selectionSet, data, ctx);
}

function resultCost(
  parent: GraphQLNamedType,
  selectionSet: SelectionSetNode | undefined,
  value: Record<string, unknown>,
  ctx: CostContext,
): number {
  let cost = 0;
  for (const field of collectFields(selectionSet, ctx)) {
    const definition = fieldDefinition(parent, field.name.value, ctx);
    const fieldValue = value[field.alias?.value ?? field.name.value];
    if (!definition || fieldValue === null || fieldValue === undefined)
      continue;
    const type = getNamedType(definition.type);
    if (isLeafType(type)) continue;
    if (isConnection(type)) {
      const connection = fieldValue as {
        nodes?: unknown[];
        edges?: { node: unknown }[];
      };
      const nodes =
        connection.nodes ?? connection.edges?.map((edge) => edge.node) ?? [];
      const nodeSelection = collectFields(field.selectionSet, ctx);
      const nodeType = getNamedType(fieldsOf(type).nodes!.type);
      const nodesField = nodeSelection.find((f) => f.name.value === "nodes");
      const edgeNodeField = nodeSelection
        .filter((f) => f.name.value === "edges")
        .flatMap((f) => collectFields(f.selectionSet, ctx))
        .find((f) => f.name.value === "node");
      const nodeSelectionSet = (nodesField ?? edgeNodeField)?.selectionSet;
      cost += 2;
      for (const node of nodes) {
        if (node && typeof node === "object")
          cost +=
            1 +
            resultCost(
              nodeType,
              nodeSelectionSet,
              node as Record<string, unknown>,
              ctx,
            );
      }
    } else {
      const items = Array.isArray(fieldValue) ? fieldValue : [fieldValue];
      for (const item of items) {
        if (item && typeof item === "object")
          cost +=
            1 +
            resultCost(
              type,
              field.selectionSet,
              item as Record<string, unknown>,
              ctx,
            );
      }
    }
  }
  return cost;
}
