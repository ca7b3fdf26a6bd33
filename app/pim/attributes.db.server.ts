// Prisma access for attribute definitions and families. Every query takes the shop.
import db from "~/db.server";
import { Invalid, NotFound } from "~/lib/errors";
import {
  validationRules,
  type AttributeType,
  type ValidationRules,
} from "./attribute-types";
import {
  attributeInput,
  familyInput,
  storedColumns,
  type Attribute,
  type AttributeInput,
  type FamilyInput,
} from "./attributes.schema";
import type { Channel } from "./channels";

export type { Attribute };

type AttributeRow = Awaited<
  ReturnType<typeof db.attributeDefinition.findFirstOrThrow>
>;

function toAttribute(row: AttributeRow): Attribute {
  return {
    id: row.id,
    key: row.key,
    labels: storedColumns.labels(row.labels),
    type: row.type as AttributeType,
    level: row.level as "PRODUCT" | "VARIANT",
    localisable: row.localisable,
    channelSpecific: row.channelSpecific,
    validation: validationRules.parse(row.validation) as ValidationRules,
    group: row.group,
    position: row.position,
    metafieldDefinitionId: row.metafieldDefinitionId,
  };
}

export async function listAttributes(shop: string): Promise<Attribute[]> {
  const rows = await db.attributeDefinition.findMany({
    where: { shop },
    orderBy: [{ group: "asc" }, { position: "asc" }, { key: "asc" }],
  });
  return rows.map(toAttribute);
}

/** Creates or updates the attribute with `input.key`. Idempotent. Throws `Invalid` with field errors. */
export async function saveAttribute(
  shop: string,
  input: AttributeInput,
): Promise<Attribute> {
  const parsed = attributeInput.safeParse(input);
  if (!parsed.success)
    throw Invalid.fromZod(parsed.error, "attribute: invalid input");
  const { key, ...data } = parsed.data;
  if (data.type === "measurement" && !data.validation.measurementKind)
    throw new Invalid("attribute: measurement needs a kind", {
      "validation.measurementKind": ["Choose dimension, weight or volume."],
    });
  const row = await db.attributeDefinition.upsert({
    where: { shop_key: { shop, key } },
    create: { shop, key, ...data },
    update: data,
  });
  return toAttribute(row);
}

export async function setMetafieldDefinitionId(
  shop: string,
  attributeId: string,
  metafieldDefinitionId: string,
): Promise<void> {
  await db.attributeDefinition.updateMany({
    where: { shop, id: attributeId },
    data: { metafieldDefinitionId },
  });
}

export interface FamilyAttributeRule {
  attributeId: string;
  key: string;
  level: "PRODUCT" | "VARIANT";
  requiredChannels: Channel[];
}

export interface FamilyView {
  id: string;
  name: string;
  productTypes: string[];
  categoryIds: string[];
  attributes: FamilyAttributeRule[];
}

const familyInclude = {
  attributes: {
    include: { attribute: { select: { key: true, level: true } } },
    orderBy: { position: "asc" },
  },
} as const;

type FamilyRow = Awaited<
  ReturnType<
    typeof db.family.findFirstOrThrow<{ include: typeof familyInclude }>
  >
>;

function toFamily(row: FamilyRow): FamilyView {
  return {
    id: row.id,
    name: row.name,
    productTypes: storedColumns.strings(row.productTypes),
    categoryIds: storedColumns.strings(row.categoryIds),
    attributes: row.attributes.map((a) => ({
      attributeId: a.attributeId,
      key: a.attribute.key,
      level: a.attribute.level as "PRODUCT" | "VARIANT",
      requiredChannels: storedColumns.requiredChannels(a.requiredChannels),
    })),
  };
}

export async function listFamilies(shop: string): Promise<FamilyView[]> {
  const rows = await db.family.findMany({
    where: { shop },
    include: familyInclude,
    orderBy: { name: "asc" },
  });
  return rows.map(toFamily);
}

async function findFamily(
  shop: string,
  id: string,
): Promise<FamilyView | null> {
  const row = await db.family.findFirst({
    where: { shop, id },
    include: familyInclude,
  });
  return row ? toFamily(row) : null;
}

/** Creates or replaces the family named `input.name` and its attribute rules. Throws `Invalid`. */
export async function saveFamily(
  shop: string,
  input: FamilyInput,
): Promise<FamilyView> {
  const parsed = familyInput.safeParse(input);
  if (!parsed.success)
    throw Invalid.fromZod(parsed.error, "family: invalid input");
  const { name, productTypes, categoryIds, attributes } = parsed.data;
  const defs = await db.attributeDefinition.findMany({
    where: { shop, key: { in: attributes.map((a) => a.key) } },
    select: { id: true, key: true },
  });
  const byKey = new Map(defs.map((d) => [d.key, d.id]));
  const unknown = attributes.filter((a) => !byKey.has(a.key));
  if (unknown.length)
    throw new Invalid("family: unknown attributes", {
      attributes: unknown.map((a) => `Unknown attribute "${a.key}".`),
    });
  const family = await db.$transaction(async (tx) => {
    const row = await tx.family.upsert({
      where: { shop_name: { shop, name } },
      create: { shop, name, productTypes, categoryIds },
      update: { productTypes, categoryIds },
    });
    await tx.familyAttribute.deleteMany({ where: { familyId: row.id } });
    await tx.familyAttribute.createMany({
      data: attributes.map((a, position) => ({
        shop,
        familyId: row.id,
        attributeId: byKey.get(a.key)!,
        requiredChannels: a.requiredChannels,
        position,
      })),
    });
    return row;
  });
  return (await findFamily(shop, family.id))!;
}

/**
 * Gives every product without a family the family matching its taxonomy category, else its product type.
 * Returns the ids of products that got one. Idempotent.
 */
export async function assignFamilies(shop: string): Promise<string[]> {
  const families = await listFamilies(shop);
  const assigned: string[] = [];
  for (const family of families) {
    const where = {
      shop,
      familyId: null,
      OR: [
        ...(family.categoryIds.length
          ? [{ categoryId: { in: family.categoryIds } }]
          : []),
        ...(family.productTypes.length
          ? [{ productType: { in: family.productTypes } }]
          : []),
      ],
    };
    if (where.OR.length === 0) continue;
    const products = await db.product.findMany({ where, select: { id: true } });
    if (products.length === 0) continue;
    await db.product.updateMany({
      where: { shop, id: { in: products.map((p) => p.id) } },
      data: { familyId: family.id },
    });
    assigned.push(...products.map((p) => p.id));
  }
  return assigned;
}

/** Gives one product without a family the family matching its category, else its product type. Idempotent. */
export async function assignFamilyTo(
  shop: string,
  productId: string,
): Promise<void> {
  const product = await db.product.findFirst({
    where: { shop, id: productId, familyId: null },
    select: { categoryId: true, productType: true },
  });
  if (!product) return;
  const families = await listFamilies(shop);
  const family =
    families.find(
      (f) => product.categoryId && f.categoryIds.includes(product.categoryId),
    ) ??
    families.find(
      (f) =>
        product.productType && f.productTypes.includes(product.productType),
    );
  if (family)
    await db.product.updateMany({
      where: { shop, id: productId },
      data: { familyId: family.id },
    });
}

/** Sets (or clears) the family of one product. Throws `NotFound`. */
export async function setProductFamily(
  shop: string,
  productId: string,
  familyId: string | null,
): Promise<void> {
  if (familyId && !(await findFamily(shop, familyId)))
    throw new NotFound("family not found");
  const { count } = await db.product.updateMany({
    where: { shop, id: productId },
    data: { familyId },
  });
  if (count === 0) throw new NotFound("product not found");
}
