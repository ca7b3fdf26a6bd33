// Completeness as stored: recomputed (completeness.ts) whenever a product's values or family change, so the
// products index can filter and sort by it.
import { z } from "zod";
import db from "~/db.server";
import { jsonColumn } from "~/lib/json-column";
import { primaryLocale } from "~/shop/shop.db.server";
import { storedColumns } from "./attributes.schema";
import { CHANNELS } from "./channels";
import { computeCompleteness, type Missing } from "./completeness";
import { draftSelect } from "./value-edits";

const requiredRuleColumn = jsonColumn(
  "AttributeDefinition.validation",
  z.object({ required: z.boolean().optional() }).loose().nullable(),
);

/** Recomputes and stores completeness per channel for the products (none stored without a family). */
export async function recomputeCompleteness(
  shop: string,
  productIds: readonly string[],
): Promise<void> {
  const locale = await primaryLocale(shop);
  const products = await db.product.findMany({
    where: { shop, id: { in: [...productIds] } },
    select: {
      id: true,
      variants: { select: { id: true }, orderBy: { position: "asc" } },
      values: {
        select: draftSelect,
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
            requiredChannels: requiredRuleColumn(a.attribute.validation)
              ?.required
              ? [...CHANNELS]
              : storedColumns.requiredChannels(a.requiredChannels),
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
          missing: r.missing satisfies Missing[],
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
