// App-owned `list.file_reference` metafields the theme extension reads (the variant's `$app.gallery`, the
// product's `$app.spin`): their definition, created on first use with storefront read access, and their values,
// set and deleted in calls of at most METAFIELDS_PER_CALL.
import { chunks } from "~/lib/chunks";
import { METAFIELDS_PER_CALL } from "~/pim/metafields";
import type { AdminClient } from "~/shopify/admin-client.server";
import { assertNoUserErrors } from "~/shopify/admin-graphql.server";

const SET_FILE_LISTS = `#graphql
  mutation SetAppFileLists($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields { id }
      userErrors { field message code }
    }
  }
`;

const DELETE_FILE_LISTS = `#graphql
  mutation DeleteAppFileLists($metafields: [MetafieldIdentifierInput!]!) {
    metafieldsDelete(metafields: $metafields) {
      deletedMetafields { key ownerId }
      userErrors { field message }
    }
  }
`;

const CREATE_FILE_LIST_DEFINITION = `#graphql
  mutation CreateAppFileListDefinition($definition: MetafieldDefinitionInput!) {
    metafieldDefinitionCreate(definition: $definition) {
      createdDefinition { id }
      userErrors { field message code }
    }
  }
`;

/** Creates the `$app.{key}` file list definition; one that exists already (TAKEN) is fine. */
export async function createFileListDefinition(
  client: AdminClient,
  definition: {
    name: string;
    key: string;
    ownerType: "PRODUCT" | "PRODUCTVARIANT";
    description: string;
  },
): Promise<void> {
  const data = await client.request(CREATE_FILE_LIST_DEFINITION, {
    definition: {
      ...definition,
      namespace: "$app",
      type: "list.file_reference",
      access: { storefront: "PUBLIC_READ" },
    },
  });
  assertNoUserErrors(
    "metafieldDefinitionCreate",
    (data.metafieldDefinitionCreate?.userErrors ?? []).filter(
      (e) => e.code !== "TAKEN",
    ),
  );
}

/** Sets each owner's `$app.{key}` to its file ids, in order. */
export async function setFileLists(
  client: AdminClient,
  key: string,
  lists: { ownerId: string; ids: string[] }[],
): Promise<void> {
  for (const batch of chunks(lists, METAFIELDS_PER_CALL)) {
    const data = await client.request(SET_FILE_LISTS, {
      metafields: batch.map((list) => ({
        ownerId: list.ownerId,
        namespace: "$app",
        key,
        type: "list.file_reference",
        value: JSON.stringify(list.ids),
      })),
    });
    assertNoUserErrors("metafieldsSet", data.metafieldsSet?.userErrors ?? []);
  }
}

/** Deletes the owners' `$app.{key}`. */
export async function deleteFileLists(
  client: AdminClient,
  key: string,
  ownerIds: string[],
): Promise<void> {
  for (const batch of chunks(ownerIds, METAFIELDS_PER_CALL)) {
    const data = await client.request(DELETE_FILE_LISTS, {
      metafields: batch.map((ownerId) => ({ ownerId, namespace: "$app", key })),
    });
    assertNoUserErrors(
      "metafieldsDelete",
      data.metafieldsDelete?.userErrors ?? [],
    );
  }
}
