// Publishing approved values to Shopify: metafield definitions in the app-reserved namespace (`$app`, storefront
// readable so themes can show them), values with metafieldsSet (≤ 25 per call, compareDigest), cleared values
// with metafieldsDelete — all through the throttle-aware AdminClient.
// https://shopify.dev/docs/apps/build/custom-data/ownership#reserved-prefixes
import { Invalid, Upstream } from "~/lib/errors";
import type { AdminClient } from "~/shopify/admin-client.server";
import { assertNoUserErrors } from "~/shopify/admin-graphql.server";
import { metafieldType, metafieldValue } from "./attribute-types";
import {
  listAttributes,
  setMetafieldDefinitionId,
  type Attribute,
} from "./attributes.db.server";
import {
  forgetPublished,
  markPublished,
  recordEcho,
  productPublishState,
  publishedMetafields,
  recordPublished,
  type PublishedRow,
} from "./publish.db.server";
import { approvedValues } from "./values.db.server";

export const APP_NAMESPACE = "$app";
/** Shopify's limit for metafieldsSet (and what we use for metafieldsDelete). */
export const METAFIELDS_PER_CALL = 25;

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

const SET_METAFIELDS = `#graphql
  mutation PimMetafieldsSet($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields {
        key
        compareDigest
        updatedAt
        owner {
          ... on Product {
            id
          }
          ... on ProductVariant {
            id
          }
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const DELETE_METAFIELDS = `#graphql
  mutation PimMetafieldsDelete($metafields: [MetafieldIdentifierInput!]!) {
    metafieldsDelete(metafields: $metafields) {
      deletedMetafields {
        key
        ownerId
      }
      userErrors {
        field
        message
      }
    }
  }
`;

const CURRENT_METAFIELDS = `#graphql
  query PimCurrentMetafields($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Product {
        id
        metafields(first: 250, namespace: "$app") {
          nodes {
            key
            type
            value
            compareDigest
          }
        }
      }
      ... on ProductVariant {
        id
        metafields(first: 250, namespace: "$app") {
          nodes {
            key
            type
            value
            compareDigest
          }
        }
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

export interface DesiredMetafield {
  ownerShopifyId: string;
  key: string;
  type: string;
  value: string;
}

/** The metafields a product's approved values should produce on Shopify. */
export async function desiredMetafields(
  shop: string,
  productId: string,
  attributes: readonly Attribute[],
): Promise<DesiredMetafield[] | null> {
  const values = (await approvedValues(shop, [productId])).get(productId);
  if (!values) return null;
  const byKey = new Map(attributes.map((a) => [a.key, a]));
  const out: DesiredMetafield[] = [];
  const add = (ownerShopifyId: string, key: string, value: unknown) => {
    const attribute = byKey.get(key);
    if (!attribute) return;
    out.push({
      ownerShopifyId,
      key,
      type: metafieldType(attribute),
      value: metafieldValue(attribute, value as never),
    });
  };
  for (const [key, value] of Object.entries(values.product))
    add(values.shopifyId, key, value);
  for (const variant of Object.values(values.variants))
    for (const [key, value] of Object.entries(variant.values))
      add(variant.shopifyId, key, value);
  return out;
}

export interface PublishPlan {
  set: (DesiredMetafield & { compareDigest: string | null })[];
  remove: { ownerShopifyId: string; key: string }[];
}

/** What must change on Shopify: new or changed values (with the digest we last saw), and cleared ones. Pure. */
export function planPublish(
  desired: readonly DesiredMetafield[],
  published: readonly PublishedRow[],
): PublishPlan {
  const id = (m: { ownerShopifyId: string; key: string }) =>
    `${m.ownerShopifyId}|${m.key}`;
  const known = new Map(published.map((p) => [id(p), p]));
  const wanted = new Set(desired.map(id));
  return {
    set: desired
      .filter((d) => {
        const p = known.get(id(d));
        return !p || p.value !== d.value || p.type !== d.type;
      })
      .map((d) => ({ ...d, compareDigest: known.get(id(d))?.digest ?? null })),
    remove: published
      .filter((p) => !wanted.has(id(p)))
      .map((p) => ({ ownerShopifyId: p.ownerShopifyId, key: p.key })),
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

/** Re-reads what Shopify holds for the owners, so a retry sends current digests (someone else wrote). */
async function resyncPublished(
  shop: string,
  productId: string,
  client: AdminClient,
  ownerIds: readonly string[],
): Promise<void> {
  for (const ids of chunks([...new Set(ownerIds)], 50)) {
    const { nodes } = await client.request(CURRENT_METAFIELDS, { ids });
    const rows: PublishedRow[] = [];
    for (const node of nodes) {
      if (!node || !("metafields" in node) || !node.metafields) continue;
      for (const m of node.metafields.nodes)
        rows.push({
          ownerShopifyId: node.id,
          key: m.key,
          type: m.type,
          value: m.value,
          digest: m.compareDigest,
        });
    }
    await recordPublished(shop, productId, rows);
  }
}

export interface PublishResult {
  outcome: "published" | "superseded" | "not-found";
  set: number;
  removed: number;
  calls: number;
}

/**
 * Publishes one product's approved values to Shopify metafields. Idempotent (only differences are sent) and
 * ordered: a job for a version older than what is already published does nothing, and a compareDigest conflict
 * (a newer job or someone else wrote first) re-reads Shopify's digests and fails retryably unless superseded.
 * Throws `Upstream`/`Invalid`.
 */
export async function publishProductValues(
  shop: string,
  productId: string,
  client: AdminClient,
  version?: number,
  /** `force`: write what Shopify lacks even when the version is published (the sync engine read it back). */
  options: { force?: boolean } = {},
): Promise<PublishResult> {
  const state = await productPublishState(shop, productId);
  if (!state) return { outcome: "not-found", set: 0, removed: 0, calls: 0 };
  const target = version ?? state.approvedVersion;
  if (!options.force && state.publishedVersion >= target)
    return { outcome: "superseded", set: 0, removed: 0, calls: 0 };
  const attributes = await listAttributes(shop);
  await ensureMetafieldDefinitions(shop, client, attributes);
  const desired = (await desiredMetafields(shop, productId, attributes)) ?? [];
  const plan = planPublish(desired, await publishedMetafields(shop, productId));
  let calls = 0;
  let echo: Date | null = null;
  for (const batch of chunks(plan.set, METAFIELDS_PER_CALL)) {
    calls += 1;
    const data = await client.request(SET_METAFIELDS, {
      metafields: batch.map((m) => ({
        ownerId: m.ownerShopifyId,
        namespace: APP_NAMESPACE,
        key: m.key,
        type: m.type,
        value: m.value,
        compareDigest: m.compareDigest,
      })),
    });
    const result = data.metafieldsSet;
    const errors = result?.userErrors ?? [];
    if (
      errors.some(
        (e) =>
          e.code === "STALE_OBJECT" ||
          /compareDigest/.test(e.field?.join(".") ?? ""),
      )
    ) {
      const now = await productPublishState(shop, productId);
      if (!options.force && now && now.publishedVersion >= target)
        return { outcome: "superseded", set: 0, removed: 0, calls };
      await resyncPublished(
        shop,
        productId,
        client,
        batch.map((m) => m.ownerShopifyId),
      );
      throw new Upstream(
        `metafieldsSet conflict on ${productId}; retrying with fresh digests`,
        true,
      );
    }
    if (errors.length) assertNoUserErrors("metafieldsSet", errors);
    const written = result?.metafields ?? [];
    const digestOf = new Map(
      written.map((m) => [
        `${m.owner && "id" in m.owner ? m.owner.id : ""}|${m.key}`,
        m,
      ]),
    );
    await recordPublished(
      shop,
      productId,
      batch.map((m) => ({
        ownerShopifyId: m.ownerShopifyId,
        key: m.key,
        type: m.type,
        value: m.value,
        digest:
          digestOf.get(`${m.ownerShopifyId}|${m.key}`)?.compareDigest ?? null,
      })),
    );
    for (const m of written) {
      const at = new Date(m.updatedAt as string);
      if (!echo || at > echo) echo = at;
    }
    // Recorded per batch: the products/update this write causes may be processed before the publish ends.
    await recordEcho(shop, productId, echo);
  }
  for (const batch of chunks(plan.remove, METAFIELDS_PER_CALL)) {
    calls += 1;
    const data = await client.request(DELETE_METAFIELDS, {
      metafields: batch.map((m) => ({
        ownerId: m.ownerShopifyId,
        namespace: APP_NAMESPACE,
        key: m.key,
      })),
    });
    const errors = data.metafieldsDelete?.userErrors ?? [];
    if (errors.length)
      throw new Invalid(
        `metafieldsDelete: ${errors.map((e) => e.message).join("; ")}`,
      );
    await forgetPublished(shop, batch);
  }
  await markPublished(shop, productId, target);
  return {
    outcome: "published",
    set: plan.set.length,
    removed: plan.remove.length,
    calls,
  };
}
