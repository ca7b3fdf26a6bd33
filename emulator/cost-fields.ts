// What the cost calculation reads from an operation: the fields a selection set selects (fragments expanded),
// their schema definitions, their arguments, which types are connections, and the flat cost of mutations.
import {
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
  valueFromASTUntyped,
  isObjectType,
  isInterfaceType,
  isUnionType,
} from "graphql";

const MUTATION_COST = 10;

export interface CostContext {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

export function argumentValue(
  field: FieldNode,
  name: string,
  variables: Record<string, unknown>,
): unknown {
  const argument = field.arguments?.find((a) => a.name.value === name);
  return argument
    ? valueFromASTUntyped(argument.value as ValueNode, variables)
    : undefined;
}

export function isConnection(type: GraphQLNamedType): boolean {
  return (
    type.name.endsWith("Connection") &&
    isObjectType(type) &&
    "pageInfo" in type.getFields()
  );
}

export function fieldsOf(
  type: GraphQLNamedType,
): Record<string, GraphQLField<unknown, unknown>> {
  if (isObjectType(type) || isInterfaceType(type)) return type.getFields();
  return {};
}

/** Every field node selected on `type`, with fragments expanded (type conditions are not narrowed: worst case). */
export function collectFields(
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

export function fieldDefinition(
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

/** A mutation's cost: 10, productUpdate 10 + 1.9 per media (dynamic complexity). */
export function mutationFieldCost(field: FieldNode, ctx: CostContext): number {
  if (field.name.value === "productUpdate") {
    const media = argumentValue(field, "media", ctx.variables);
    return Math.ceil(
      MUTATION_COST + 1.9 * (Array.isArray(media) ? media.length : 0),
    );
  }
  return MUTATION_COST;
}
