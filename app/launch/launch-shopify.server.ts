// What a launch asks of Shopify: the products of a collection (selection), the shop's sales-channel publications,
// and the bulk mutations of go-live and rollback — product status and publishing, one JSONL line per product.
// The inner mutations are `#graphql` documents so they are validated against the 2026-10 schema like the rest.
import type { AdminClient } from "~/shopify/admin-client.server";
import {
  awaitBulkMutation,
  lineFailures,
  startBulkMutation,
} from "~/shopify/bulk-mutation.server";

const COLLECTION_PRODUCTS = `#graphql
  query LaunchCollectionProducts($id: ID!, $after: String) {
    collection(id: $id) {
      products(first: 250, after: $after) {
        nodes { id }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;

const PUBLICATIONS = `#graphql
  query LaunchPublications {
    publications(first: 50) { nodes { id } }
  }
`;

// The Online Store's publication: the only sales channel that supports future publishing (Shopify's docs).
const ONLINE_STORE = `#graphql
  query LaunchOnlineStore {
    publications(first: 50) { nodes { id supportsFuturePublishing } }
  }
`;

export const SET_STATUS = `#graphql
  mutation LaunchSetStatus($product: ProductUpdateInput!) {
    productUpdate(product: $product) {
      product { id status }
      userErrors { field message }
    }
  }
`;

export const PUBLISH = `#graphql
  mutation LaunchPublish($id: ID!, $input: [PublicationInput!]!) {
    publishablePublish(id: $id, input: $input) {
      publishable { ... on Product { id resourcePublicationsCount { count } } }
      userErrors { field message }
    }
  }
`;

/** Publishing for the UNLISTED preview: Shopify answers the product's link once a shopper can open it. */
export const PUBLISH_PREVIEW = `#graphql
  mutation LaunchPublishPreview($id: ID!, $input: [PublicationInput!]!) {
    publishablePublish(id: $id, input: $input) {
      publishable { ... on Product { id onlineStoreUrl } }
      userErrors { field message }
    }
  }
`;

export const UNPUBLISH = `#graphql
  mutation LaunchUnpublish($id: ID!, $input: [PublicationInput!]!) {
    publishableUnpublish(id: $id, input: $input) {
      publishable { ... on Product { id } }
      userErrors { field message }
    }
  }
`;

/** The Shopify GIDs of a collection's products (paged, 250 at a time). */
export async function collectionProductGids(
  client: AdminClient,
  collectionId: string,
): Promise<string[] | null> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const { collection } = await client.request(COLLECTION_PRODUCTS, {
      id: collectionId,
      after,
    });
    if (!collection) return null;
    ids.push(...collection.products.nodes.map((n: { id: string }) => n.id));
    const page: { hasNextPage: boolean; endCursor?: string | null } =
      collection.products.pageInfo;
    if (!page.hasNextPage || !page.endCursor) return ids;
    after = page.endCursor;
  }
}

/** Every sales channel's publication of the shop (what go-live publishes to). */
export async function shopPublications(client: AdminClient): Promise<string[]> {
  const data = await client.request(PUBLICATIONS);
  return data.publications.nodes.map((n) => n.id);
}

/** The Online Store's publication id, null when the shop has none. */
export async function onlineStorePublication(
  client: AdminClient,
): Promise<string | null> {
  const data = await client.request(ONLINE_STORE);
  return (
    data.publications.nodes.find((n) => n.supportsFuturePublishing)?.id ?? null
  );
}

/** Per product GID: what Shopify answered (`ok`), when, and why not. */
export interface BulkOutcome {
  ok: Set<string>;
  failed: Map<string, string>;
  completedAt: Date;
}

/**
 * Runs one bulk mutation with a line per product and reads the per-line results; `accept` says whether a
 * line's payload shows the change done (observed in Shopify's answer, not assumed from the absence of errors).
 */
export async function bulkPerProduct(
  client: AdminClient,
  mutation: string,
  field: string,
  productGids: readonly string[],
  variables: (gid: string) => Record<string, unknown>,
  accept: (payload: Record<string, unknown>) => boolean,
  clientIdentifier: string,
): Promise<BulkOutcome> {
  const id = await startBulkMutation(
    client,
    mutation,
    productGids.map(variables),
    clientIdentifier,
  );
  const result = await awaitBulkMutation(client, id);
  const ok = new Set<string>();
  const failed = new Map<string, string>();
  productGids.forEach((gid, line) => {
    const answer = result.lines.get(line);
    const failures = lineFailures(answer, field);
    const payload = answer?.data?.[field] as Record<string, unknown> | null;
    if (failures.length === 0 && payload && accept(payload)) ok.add(gid);
    else
      failed.set(gid, failures.join("; ") || "Shopify did not show the change");
  });
  return { ok, failed, completedAt: result.completedAt };
}
