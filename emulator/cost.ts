// Shopify's calculated query cost and leaky-bucket throttle, as documented:
// https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits — scalars and enums 0, objects 1,
// connections 2 + the objects requested (children multiplied by the page size), mutations 10,
// productUpdate 10 + 1.9 per media (dynamic complexity). A single query may cost at most 1000.
import {
  getNamedType,
  isLeafType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  valueFromASTUntyped,
  isObjectType,
  isInterfaceType,
  isUnionType,
} from "graphql";

export const MAX_QUERY_COST = 1000;
const MUTATION_COST = 10;

interface CostContext {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

function argumentValue(
  field: FieldNode,
  name: string,
  variables: Record<string, unknown>,
): unknown {
  const argument = field.arguments?.find((a) => a.name.value === name);
  return argument
    ? valueFromASTUntyped(argument.value as ValueNode, variables)
    : undefined;
}

function isConnection(type: GraphQLNamedType): boolean {
  return (
    type.name.endsWith("Connection") &&
    isObjectType(type) &&
    "pageInfo" in type.getFields()
  );
}

function fieldsOf(
  type: GraphQLNamedType,
): Record<string, GraphQLField<unknown, unknown>> {
  if (isObjectType(type) || isInterfaceType(type)) return type.getFields();
  return {};
}

/** Every field node selected on `type`, with fragments expanded (type conditions are not narrowed: worst case). */
function collectFields(
  selectionSet: SelectionSetNode | undefined,
  ctx: CostContext,
): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) fields.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT)
      fields.push(...collectFields(selection.selectionSet, ctx));
    else {
      const fragment = ctx.fragments[selection.name.value];
      if (fragment) fields.push(...collectFields(fragment.selectionSet, ctx));
    }
  }
  return fields;
}

function fieldDefinition(
  parent: GraphQLNamedType,
  name: string,
  ctx: CostContext,
): GraphQLField<unknown, unknown> | undefined {
  const own = fieldsOf(parent)[name];
  if (own) return own;
  // A field selected in a fragment on a member type of a union or interface.
  const members =
    isUnionType(parent) || isInterfaceType(parent)
      ? ctx.schema.getPossibleTypes(parent)
      : [];
  for (const member of members) {
    const field = member.getFields()[name];
    if (field) return field;
  }
  return undefined;
}

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

function mutationFieldCost(field: FieldNode, ctx: CostContext): number {
  if (field.name.value === "productUpdate") {
    const media = argumentValue(field, "media", ctx.variables);
    return Math.ceil(
      MUTATION_COST + 1.9 * (Array.isArray(media) ? media.length : 0),
    );
  }
  return MUTATION_COST;
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

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/** Shopify's per app-and-shop leaky bucket: it refills at `restoreRate` points per second up to its size. */
export class LeakyBucket {
  private available: number;
  private updatedAt: number;

  constructor(
    public maximumAvailable: number,
    public restoreRate: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.available = maximumAvailable;
    this.updatedAt = now();
  }

  private refill(): void {
    const now = this.now();
    this.available = Math.min(
      this.maximumAvailable,
      this.available + ((now - this.updatedAt) / 1000) * this.restoreRate,
    );
    this.updatedAt = now;
  }

  /** Takes `cost` points if the bucket holds them; returns false (throttled) otherwise. */
  take(cost: number): boolean {
    this.refill();
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  refund(points: number): void {
    this.refill();
    this.available = Math.min(this.maximumAvailable, this.available + points);
  }

  status(): ThrottleStatus {
    this.refill();
    return {
      maximumAvailable: this.maximumAvailable,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.restoreRate,
    };
  }
}
