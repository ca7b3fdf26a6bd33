// Publishing approved values to Shopify: values with metafieldsSet (≤ 25 per call, compareDigest), cleared values
// with metafieldsDelete — all through the throttle-aware AdminClient, after making sure the definitions exist
// (metafield-definitions.server.ts). What to send is planned by the pure metafields.ts.
import { chunks } from "~/lib/chunks";
import { Invalid, Upstream } from "~/lib/errors";
import type { AdminClient } from "~/shopify/admin-client.server";
import { assertNoUserErrors } from "~/shopify/admin-graphql.server";
import { APP_METAFIELD_FIELDS } from "~/shopify/metafield-fields";
import { listAttributes, type Attribute } from "./attributes.db.server";
import { ensureMetafieldDefinitions } from "./metafield-definitions.server";
import {
  APP_NAMESPACE,
  METAFIELDS_PER_CALL,
  metafieldType,
  metafieldValue,
  planPublish,
  type DesiredMetafield,
  type PublishPlan,
} from "./metafields";
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
            ...AppMetafieldFields
          }
        }
      }
      ... on ProductVariant {
        id
        metafields(first: 250, namespace: "$app") {
          nodes {
            ...AppMetafieldFields
          }
        }
      }
    }
  }
  ${APP_METAFIELD_FIELDS}
` as const;

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

/**
 * Sends one metafieldsSet call and records the digests Shopify answered, and the latest write time as our echo.
 * "conflict" when a compareDigest was stale (someone else wrote since we last read). Throws `Invalid`/`Upstream`.
 */
async function setBatch(
  shop: string,
  productId: string,
  client: AdminClient,
  batch: PublishPlan["set"],
  echoSoFar: Date | null,
): Promise<"conflict" | { echo: Date | null }> {
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
  )
    return "conflict";
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
  let echo = echoSoFar;
  for (const m of written) {
    const at = new Date(m.updatedAt as string);
    if (!echo || at > echo) echo = at;
  }
  // Recorded per batch: the products/update this write causes may be processed before the publish ends.
  await recordEcho(shop, productId, echo);
  return { echo };
}

/** Deletes one batch of cleared values on Shopify and forgets them. Throws `Invalid`. */
async function removeBatch(
  shop: string,
  client: AdminClient,
  batch: PublishPlan["remove"],
): Promise<void> {
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
    const written = await setBatch(shop, productId, client, batch, echo);
    if (written === "conflict") {
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
    echo = written.echo;
  }
  for (const batch of chunks(plan.remove, METAFIELDS_PER_CALL)) {
    calls += 1;
    await removeBatch(shop, client, batch);
  }
  await markPublished(shop, productId, target);
  return {
    outcome: "published",
    set: plan.set.length,
    removed: plan.remove.length,
    calls,
  };
}
