// metafieldDefinitionCreate: key and namespace rules, admin access only for app-owned definitions, at most
// 256 app definitions per owner type, pinning.
import { gid } from "../state";
import { expandNamespace, isAppNamespace, isKnownType } from "../values";
import { userError, type Args, type ResolverMap } from "./context";

const DEFINITIONS_PER_OWNER_TYPE = 256;

export const metafieldDefinitionMutations: ResolverMap["Mutation"] = {
  metafieldDefinitionCreate: (_root, args: Args, ctx) => {
    const input = args.definition as {
      name: string;
      key: string;
      namespace?: string;
      type: string;
      ownerType: string;
      description?: string;
      validations?: { name: string; value?: string }[];
      access?: { admin?: string; storefront?: string };
      pin?: boolean;
    };
    const fail = (field: string, message: string, code: string) => ({
      createdDefinition: null,
      userErrors: [
        {
          ...userError(["definition", field], message, code),
          elementKey: null,
          elementIndex: null,
        },
      ],
    });
    const namespace = expandNamespace(input.namespace, ctx.emulator.appId);
    if (!/^[A-Za-z0-9_-]+$/.test(input.key))
      return fail(
        "key",
        "Key contains invalid characters.",
        "INVALID_CHARACTER",
      );
    if (input.key.length < 2)
      return fail(
        "key",
        "Key is too short (minimum is 2 characters).",
        "TOO_SHORT",
      );
    if (input.key.length > 64)
      return fail(
        "key",
        "Key is too long (maximum is 64 characters).",
        "TOO_LONG",
      );
    if (namespace.length < 3)
      return fail(
        "namespace",
        "Namespace is too short (minimum is 3 characters).",
        "TOO_SHORT",
      );
    if (!input.name.trim())
      return fail("name", "Name can't be blank.", "BLANK");
    if (!isKnownType(input.type))
      return fail(
        "type",
        `Type ${input.type} is not a valid type.`,
        "INCLUSION",
      );
    const appOwned = isAppNamespace(namespace, ctx.emulator.appId);
    if (input.access?.admin && !appOwned) {
      return fail(
        "access",
        "Setting admin access is only allowed for app-owned definitions.",
        "ADMIN_ACCESS_INPUT_NOT_ALLOWED",
      );
    }
    const definitions = [...ctx.shop.definitions.values()];
    if (
      definitions.some(
        (d) =>
          d.ownerType === input.ownerType &&
          d.namespace === namespace &&
          d.key === input.key,
      )
    ) {
      return fail(
        "key",
        "Key is in use for this owner type and namespace.",
        "TAKEN",
      );
    }
    const appDefinitions = definitions.filter(
      (d) =>
        d.ownerType === input.ownerType &&
        isAppNamespace(d.namespace, ctx.emulator.appId),
    );
    if (appOwned && appDefinitions.length >= DEFINITIONS_PER_OWNER_TYPE) {
      return fail(
        "ownerType",
        `An app can have at most ${DEFINITIONS_PER_OWNER_TYPE} definitions per resource type.`,
        "RESOURCE_TYPE_LIMIT_EXCEEDED_BY_APP",
      );
    }
    const pinned = definitions.filter(
      (d) => d.ownerType === input.ownerType && d.pinnedPosition !== null,
    ).length;
    const record = {
      id: gid("MetafieldDefinition", ctx.emulator.ids.take()),
      namespace,
      key: input.key,
      name: input.name,
      description: input.description ?? null,
      type: input.type,
      ownerType: input.ownerType,
      adminAccess: appOwned ? (input.access?.admin ?? "MERCHANT_READ") : null,
      storefrontAccess: input.access?.storefront ?? "NONE",
      validations: (input.validations ?? []).map((v) => ({
        name: v.name,
        value: v.value ?? null,
      })),
      pinnedPosition: input.pin ? pinned + 1 : null,
      createdAt: ctx.now,
    };
    ctx.shop.definitions.set(record.id, record);
    return { createdDefinition: record, userErrors: [] };
  },
};
