// The Shopify metafield definitions of the PIM's attributes, in the app-reserved namespace with storefront read
// access, created once per attribute (or adopted when one with the key exists) and remembered on the attribute.
import { Upstream } from "~/lib/errors";
import type { AdminClient } from "~/shopify/admin-client.server";
import { assertNoUserErrors } from "~/shopify/admin-graphql.server";
import {
  listAttributes,
  setMetafieldDefinitionId,
  type Attribute,
} from "./attributes.db.server";
import { APP_NAMESPACE, metafieldType } from "./metafields";

const CREATE_DEFINITION = `#graphql
  mutation PimMetafieldDefinitionCreate($definition: MetafieldDefinitionInput!) {
    metafieldDefinitionCreate(definition: $definition) {
      createdDefinition {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const FIND_DEFINITION = `#graphql
  query PimMetafieldDefinitionFind($ownerType: MetafieldOwnerType!, $key: String!) {
    metafieldDefinitions(first: 1, ownerType: $ownerType, namespace: "$app", key: $key) {
      nodes {
        id
      }
    }
  }
`;

/**
 * Creates the Shopify metafield definition of every attribute that has none yet (storefront PUBLIC_READ). An
 * existing definition with the same key is adopted. Idempotent. Throws `Invalid`/`Upstream`.
 */
export async function ensureMetafieldDefinitions(
  shop: string,
  client: AdminClient,
  attributes?: readonly Attribute[],
): Promise<number> {
  let created = 0;
  for (const attribute of attributes ?? (await listAttributes(shop))) {
    if (attribute.metafieldDefinitionId) continue;
    const ownerType =
      attribute.level === "VARIANT" ? "PRODUCTVARIANT" : "PRODUCT";
    const data = await client.request(CREATE_DEFINITION, {
      definition: {
        name:
          attribute.labels.en ??
          Object.values(attribute.labels)[0] ??
          attribute.key,
        namespace: APP_NAMESPACE,
        key: attribute.key,
        type: metafieldType(attribute),
        ownerType,
        access: { storefront: "PUBLIC_READ" },
      },
    });
    const result = data.metafieldDefinitionCreate;
    let id = result?.createdDefinition?.id ?? null;
    if (!id && result?.userErrors.some((e) => e.code === "TAKEN")) {
      const found = await client.request(FIND_DEFINITION, {
        ownerType,
        key: attribute.key,
      });
      id = found.metafieldDefinitions.nodes[0]?.id ?? null;
    }
    if (!id)
      assertNoUserErrors("metafieldDefinitionCreate", result?.userErrors ?? []);
    if (!id)
      throw new Upstream(
        "metafieldDefinitionCreate returned no definition",
        false,
      );
    await setMetafieldDefinitionId(shop, attribute.id, id);
    created += 1;
  }
  return created;
}
