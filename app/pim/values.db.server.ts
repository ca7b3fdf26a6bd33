// Attribute values: save with validation and history, approval (with its outbox event), revert, completeness and
// the approved-values read for the sync engine. Every query takes the shop.
import { randomUUID } from "node:crypto";
import db from "~/db.server";
import { Invalid, NotFound } from "~/lib/errors";
import { writeOutboxEvent } from "~/outbox/outbox.db.server";
import {
  coerceAttributeValue,
  decodeValue,
  encodeValue,
  type AttributeValueData,
} from "./attribute-types";
import { listAttributes, type Attribute } from "./attributes.db.server";
import { ANY, CHANNELS, type Channel } from "./channels";
import { computeCompleteness } from "./completeness";
import { valueFieldName } from "./value-field";

export { valueFieldName };

// A product with many variants (or a spreadsheet) writes hundreds of rows in one transaction; Prisma's default
// interactive-transaction timeout is 5 s.
const LONG_TRANSACTION = { timeout: 60_000 };

export interface ValueEdit {
  attributeKey: string;
  /** Our Variant id for variant-level attributes; absent for product-level ones. */
  variantId?: string | null;
  /** Required for localisable attributes (defaults to the shop's primary locale). */
  locale?: string | null;
  /** A channel for channel-specific attributes; absent or "*" for every channel. */
  channel?: string | null;
  /** What the merchant typed; empty clears the value. */
  input: string | string[] | null;
}

export async function defaultLocale(shop: string): Promise<string> {
  const row = await db.shop.findUnique({
    where: { shop },
    select: { primaryLocale: true },
  });
  return row?.primaryLocale ?? "en";
}

async function productForEdit(shop: string, productId: string) {
  const product = await db.product.findFirst({
    where: { shop, id: productId },
    select: {
      id: true,
      pimStatus: true,
      variants: { select: { id: true } },
    },
  });
  if (!product) throw new NotFound("product not found");
  return product;
}

interface PlannedWrite {
  ownerId: string;
  variantId: string | null;
  attribute: Attribute;
  locale: string;
  channel: string;
  value: AttributeValueData | null;
}

function planEdits(
  edits: readonly ValueEdit[],
  attributes: Map<string, Attribute>,
  product: { id: string; variants: { id: string }[] },
  primaryLocale: string,
): PlannedWrite[] {
  const errors: Record<string, string[]> = {};
  const planned: PlannedWrite[] = [];
  const variantIds = new Set(product.variants.map((v) => v.id));
  for (const edit of edits) {
    const variantId = edit.variantId ?? null;
    const attribute = attributes.get(edit.attributeKey);
    // Errors are keyed like the editor names its fields: locale/channel only where the attribute has them.
    const locale = attribute?.localisable
      ? edit.locale && edit.locale !== ANY
        ? edit.locale
        : primaryLocale
      : ANY;
    const channel =
      attribute?.channelSpecific && edit.channel ? edit.channel : ANY;
    const field = valueFieldName({
      attributeKey: edit.attributeKey,
      variantId,
      locale,
      channel,
    });
    const problem = (message: string) => (errors[field] ??= []).push(message);
    if (!attribute) {
      problem(`Unknown attribute "${edit.attributeKey}".`);
      continue;
    }
    if (attribute.level === "VARIANT" && !variantId) {
      problem("This attribute is set per variant.");
      continue;
    }
    if (attribute.level === "PRODUCT" && variantId) {
      problem("This attribute is set on the product, not per variant.");
      continue;
    }
    if (variantId && !variantIds.has(variantId)) {
      problem("Unknown variant.");
      continue;
    }
    if (channel !== ANY && !CHANNELS.includes(channel as Channel)) {
      problem(`Unknown channel "${channel}".`);
      continue;
    }
    const result = coerceAttributeValue(attribute, edit.input);
    if (!result.ok) {
      problem(result.error);
      continue;
    }
    planned.push({
      ownerId: variantId ?? product.id,
      variantId,
      attribute,
      locale,
      channel,
      value: result.value,
    });
  }
  if (Object.keys(errors).length)
    throw new Invalid("some values are not valid", errors);
  // One write per value: when the same field comes twice (a spreadsheet), the last one wins.
  const byValue = new Map<string, PlannedWrite>();
  for (const write of planned)
    byValue.set(
      `${write.ownerId}|${write.attribute.id}|${write.locale}|${write.channel}`,
      write,
    );
  return [...byValue.values()];
}

/**
 * Validates and saves draft values of one product, recording history under one change id. Editing an approved
 * product makes it PENDING. All or nothing: throws `Invalid` with per-field errors and writes nothing; throws
 * `NotFound` for another shop's product. Returns the change id (null when nothing changed).
 */
export async function saveProductValues(
  shop: string,
  productId: string,
  edits: readonly ValueEdit[],
  actor: string | null,
  kind: "EDIT" | "IMPORT" = "EDIT",
): Promise<string | null> {
  const product = await productForEdit(shop, productId);
  const attributes = new Map(
    (await listAttributes(shop)).map((a) => [a.key, a]),
  );
  const planned = planEdits(
    edits,
    attributes,
    product,
    await defaultLocale(shop),
  );
  const changeId = randomUUID();
  const changed = await db.$transaction(async (tx) => {
    const current = new Map(
      (
        await tx.attributeValue.findMany({
          where: { shop, productId },
          select: {
            ownerId: true,
            attributeId: true,
            locale: true,
            channel: true,
            draft: true,
          },
        })
      ).map((v) => [
        `${v.ownerId}|${v.attributeId}|${v.locale}|${v.channel}`,
        v.draft,
      ]),
    );
    let count = 0;
    for (const write of planned) {
      const where = {
        ownerId_attributeId_locale_channel: {
          ownerId: write.ownerId,
          attributeId: write.attribute.id,
          locale: write.locale,
          channel: write.channel,
        },
      };
      const after = encodeValue(write.value);
      const before =
        current.get(
          `${write.ownerId}|${write.attribute.id}|${write.locale}|${write.channel}`,
        ) ?? null;
      if (before === after) continue;
      count += 1;
      await tx.attributeValue.upsert({
        where,
        create: {
          shop,
          productId,
          variantId: write.variantId,
          ownerId: write.ownerId,
          attributeId: write.attribute.id,
          locale: write.locale,
          channel: write.channel,
          draft: after,
          updatedBy: actor,
        },
        update: { draft: after, updatedBy: actor },
      });
      await tx.valueChange.create({
        data: {
          shop,
          changeId,
          productId,
          ownerId: write.ownerId,
          variantId: write.variantId,
          attributeId: write.attribute.id,
          locale: write.locale,
          channel: write.channel,
          before,
          after,
          kind,
          actor,
        },
      });
    }
    if (count > 0 && product.pimStatus === "APPROVED")
      await tx.product.updateMany({
        where: { shop, id: productId },
        data: { pimStatus: "PENDING" },
      });
    return count;
  }, LONG_TRANSACTION);
  if (changed === 0) return null;
  await recomputeCompleteness(shop, [productId]);
  return changeId;
}

/**
 * Reverts one field change (`valueChangeId`) or a whole change (`changeId`): each field goes back to its value
 * before that change, recorded as a new REVERT change. Throws `NotFound`. Returns the new change id.
 */
export async function revertChange(
  shop: string,
  target: { changeId: string } | { valueChangeId: string },
  actor: string | null,
): Promise<string> {
  const rows = await db.valueChange.findMany({
    where:
      "changeId" in target
        ? { shop, changeId: target.changeId }
        : { shop, id: target.valueChangeId },
    orderBy: { createdAt: "desc" },
  });
  if (rows.length === 0) throw new NotFound("change not found");
  const productId = rows[0]!.productId;
  const changeId = randomUUID();
  await db.$transaction(async (tx) => {
    for (const row of rows) {
      const where = {
        ownerId_attributeId_locale_channel: {
          ownerId: row.ownerId,
          attributeId: row.attributeId,
          locale: row.locale,
          channel: row.channel,
        },
      };
      const current = await tx.attributeValue.findUnique({
        where,
        select: { draft: true },
      });
      await tx.attributeValue.upsert({
        where,
        create: {
          shop,
          productId: row.productId,
          variantId: row.variantId,
          ownerId: row.ownerId,
          attributeId: row.attributeId,
          locale: row.locale,
          channel: row.channel,
          draft: row.before,
          updatedBy: actor,
        },
        update: { draft: row.before, updatedBy: actor },
      });
      await tx.valueChange.create({
        data: {
          shop,
          changeId,
          productId: row.productId,
          ownerId: row.ownerId,
          variantId: row.variantId,
          attributeId: row.attributeId,
          locale: row.locale,
          channel: row.channel,
          before: current?.draft ?? null,
          after: row.before,
          kind: "REVERT",
          actor,
        },
      });
    }
    await tx.product.updateMany({
      where: { shop, id: productId, pimStatus: "APPROVED" },
      data: { pimStatus: "PENDING" },
    });
  }, LONG_TRANSACTION);
  await recomputeCompleteness(shop, [productId]);
  return changeId;
}

export interface Approval {
  productId: string;
  version: number;
  outboxId: string;
}

/**
 * Approves products: their draft values become the approved ones, the version goes up and a
 * `product.values-approved` outbox event commits in the same transaction. Approving an already approved,
 * unchanged product is a no-op (no event). Throws `NotFound` when a product is not the shop's.
 */
export async function approveProducts(
  shop: string,
  productIds: readonly string[],
  actor: string | null,
): Promise<Approval[]> {
  const found = await db.product.count({
    where: { shop, id: { in: [...productIds] } },
  });
  if (found !== new Set(productIds).size)
    throw new NotFound("product not found");
  const approvals: Approval[] = [];
  for (const productId of new Set(productIds)) {
    const approval = await db.$transaction(async (tx) => {
      const product = await tx.product.findFirstOrThrow({
        where: { shop, id: productId },
        select: { pimStatus: true, approvedVersion: true },
      });
      if (product.pimStatus === "APPROVED") return null;
      const values = await tx.attributeValue.findMany({
        where: { shop, productId },
        select: { id: true, draft: true, approved: true },
      });
      for (const value of values) {
        if (value.draft === value.approved) continue;
        await tx.attributeValue.updateMany({
          where: { shop, id: value.id },
          data: { approved: value.draft },
        });
      }
      const version = product.approvedVersion + 1;
      await tx.product.updateMany({
        where: { shop, id: productId },
        data: {
          pimStatus: "APPROVED",
          approvedVersion: version,
          approvedAt: new Date(),
          approvedBy: actor,
        },
      });
      const outboxId = await writeOutboxEvent(tx, {
        shop,
        topic: "product.values-approved",
        aggregateId: productId,
        payload: { productId, version },
      });
      return { productId, version, outboxId };
    }, LONG_TRANSACTION);
    if (approval) approvals.push(approval);
  }
  return approvals;
}

/** Recomputes and stores completeness per channel for the products (none stored without a family). */
export async function recomputeCompleteness(
  shop: string,
  productIds: readonly string[],
): Promise<void> {
  const locale = await defaultLocale(shop);
  const products = await db.product.findMany({
    where: { shop, id: { in: [...productIds] } },
    select: {
      id: true,
      variants: { select: { id: true }, orderBy: { position: "asc" } },
      values: {
        select: {
          ownerId: true,
          attributeId: true,
          locale: true,
          channel: true,
          draft: true,
        },
      },
      family: {
        select: {
          attributes: {
            select: {
              requiredChannels: true,
              attribute: {
                select: { id: true, key: true, level: true, validation: true },
              },
            },
          },
        },
      },
    },
  });
  for (const product of products) {
    const rows = product.family
      ? computeCompleteness({
          productId: product.id,
          variantIds: product.variants.map((v) => v.id),
          attributes: product.family.attributes.map((a) => ({
            id: a.attribute.id,
            key: a.attribute.key,
            level: a.attribute.level as "PRODUCT" | "VARIANT",
            // An attribute marked required in its own rules is required on every channel of every family.
            requiredChannels: (
              a.attribute.validation as { required?: boolean } | null
            )?.required
              ? [...CHANNELS]
              : (a.requiredChannels as string[]),
          })),
          values: product.values,
          defaultLocale: locale,
        })
      : [];
    await db.$transaction([
      db.productCompleteness.deleteMany({
        where: { shop, productId: product.id },
      }),
      db.productCompleteness.createMany({
        data: rows.map((r) => ({
          productId: product.id,
          shop,
          channel: r.channel,
          percent: r.percent,
          missing: r.missing as unknown as object[],
        })),
      }),
    ]);
  }
}

/** Recomputes completeness of every product of the shop, in pages (after a family or import change). */
export async function recomputeAllCompleteness(shop: string): Promise<number> {
  let cursor: string | undefined;
  let done = 0;
  for (;;) {
    const page = await db.product.findMany({
      where: { shop },
      select: { id: true },
      orderBy: { id: "asc" },
      take: 500,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    if (page.length === 0) return done;
    await recomputeCompleteness(
      shop,
      page.map((p) => p.id),
    );
    done += page.length;
    cursor = page.at(-1)!.id;
  }
}

export interface ApprovedProductValues {
  productId: string;
  shopifyId: string;
  approvedVersion: number;
  /** Product-level values by attribute key. */
  product: Record<string, AttributeValueData>;
  /** Variant-level values by our variant id, then attribute key. */
  variants: Record<
    string,
    { shopifyId: string; values: Record<string, AttributeValueData> }
  >;
}

/**
 * The approved values of the products, for publishing and the sync engine: default locale, resolved for
 * `channel` (a channel's own value wins over the every-channel one). Products are asked for by our id or by
 * Shopify GID and keyed the way they were asked for. Products of other shops are absent.
 */
export async function approvedValues(
  shop: string,
  productIds: readonly string[],
  channel: Channel = "STOREFRONT",
): Promise<Map<string, ApprovedProductValues>> {
  const locale = await defaultLocale(shop);
  const attributes = new Map(
    (await listAttributes(shop)).map((a) => [a.id, a]),
  );
  const requested = new Set(productIds);
  const products = await db.product.findMany({
    where: {
      shop,
      OR: [
        { id: { in: [...requested] } },
        { shopifyId: { in: [...requested] } },
      ],
    },
    select: {
      id: true,
      shopifyId: true,
      approvedVersion: true,
      variants: { select: { id: true, shopifyId: true } },
      values: {
        where: {
          approved: { not: null },
          locale: { in: [ANY, locale] },
          channel: { in: [ANY, channel] },
        },
        select: {
          ownerId: true,
          variantId: true,
          attributeId: true,
          channel: true,
          approved: true,
        },
      },
    },
  });
  const out = new Map<string, ApprovedProductValues>();
  for (const product of products) {
    const result: ApprovedProductValues = {
      productId: product.id,
      shopifyId: product.shopifyId,
      approvedVersion: product.approvedVersion,
      product: {},
      variants: Object.fromEntries(
        product.variants.map((v) => [
          v.id,
          { shopifyId: v.shopifyId, values: {} },
        ]),
      ),
    };
    // Every-channel values first, so a channel's own value overwrites them.
    const ordered = [...product.values].sort(
      (a, b) => Number(a.channel !== ANY) - Number(b.channel !== ANY),
    );
    for (const value of ordered) {
      const attribute = attributes.get(value.attributeId);
      const decoded = decodeValue(value.approved);
      if (!attribute || decoded === null) continue;
      const target = value.variantId
        ? result.variants[value.variantId]?.values
        : result.product;
      if (target) target[attribute.key] = decoded;
    }
    if (requested.has(product.id)) out.set(product.id, result);
    if (requested.has(product.shopifyId)) out.set(product.shopifyId, result);
  }
  return out;
}
