// The PIM value tests' two shops (one Outerwear product each, apparel attributes seeded) and what those tests
// fill in and read back: fixtures of values, completeness per channel, the product's PIM row, a value's draft, the
// approved read, and the dispatch job an approval queued.
import db from "~/db.server";
import { seedApparelAttributes } from "~/pim/apparel-seed.server";
import { approvedValues } from "~/pim/approved-values.db.server";
import type { Channel } from "~/pim/channels";
import { saveProductValues, type ValueEdit } from "~/pim/values.db.server";
import { buildProduct } from "./factories/product";
import { findJob } from "./jobs";

export const SHOP = "values-shop.myshopify.com";
export const OTHER = "other-shop.myshopify.com";

export type ValueProduct = Awaited<ReturnType<typeof buildProduct>>;

/** Product 1 of SHOP and product 2 of OTHER (both Outerwear, sizes S and M), with the apparel attributes seeded. */
export async function seedValueShops() {
  const product = await buildProduct(SHOP, 1);
  const foreign = await buildProduct(OTHER, 2);
  await seedApparelAttributes(SHOP);
  await seedApparelAttributes(OTHER);
  return { product, foreign };
}

/** One invalid input per rule (unknown option, country name, unit-less length, missing percentage, unknown key). */
export const invalidInputs = (variantId: string): ValueEdit[] => [
  { attributeKey: "fit", input: "Baggy" },
  { attributeKey: "country_of_origin", input: "Portugal" },
  { attributeKey: "garment_length", variantId, input: "long" },
  { attributeKey: "garment_length", input: "90 cm" },
  { attributeKey: "material_composition", input: "Wool" },
  { attributeKey: "nope", input: "x" },
];

/** Channel → percent complete for the product. */
export const completeness = async (productId: string) =>
  Object.fromEntries(
    (await db.productCompleteness.findMany({ where: { productId } })).map(
      (c) => [c.channel, c.percent],
    ),
  );

export const productRow = (id: string) =>
  db.product.findUniqueOrThrow({ where: { id } });

/** The draft (JSON text) of a product-level value in the default locale. */
export const draftOf = async (productId: string, key: string) =>
  (
    await db.attributeValue.findFirstOrThrow({
      where: { productId, attribute: { key }, locale: { in: ["*", "en"] } },
    })
  ).draft;

/** The sync.dispatch job an approval's outbox row was relayed to (first relay), or undefined. */
export const dispatchJob = (shop: string, outboxId: string) =>
  findJob("sync.dispatch", { shop, outboxId, relay: 0 });

/** What a merchandiser fills in for a wool coat: material (and its French text), care and fit. */
export const woolCoatInputs: ValueEdit[] = [
  { attributeKey: "material_composition", input: "100% wool" },
  { attributeKey: "material_composition", locale: "fr", input: "100% laine" },
  { attributeKey: "care_instructions", input: "Dry clean only" },
  { attributeKey: "fit", input: "Regular" },
];

/** SHOP's "season" attribute, required by its own rules or not. */
export const seasonAttribute = (required: boolean) => ({
  key: "season",
  labels: { en: "Season" },
  type: "multi_select" as const,
  validation: {
    ...(required ? { required: true } : {}),
    allowedValues: ["AW26", "SS27", "AW27", "Core"],
  },
  group: "Specifications",
});

/** Saves one fit value for a product of SHOP (the change id, or null when nothing changed). */
export const saveFit = (productId: string, fit: string, actor = "merch") =>
  saveProductValues(
    SHOP,
    productId,
    [{ attributeKey: "fit", input: fit }],
    actor,
  );

/** What the product is missing on a channel. */
export const missingOn = async (productId: string, channel: Channel) =>
  (
    await db.productCompleteness.findUniqueOrThrow({
      where: { productId_channel: { productId, channel } },
    })
  ).missing;

/** SHOP's approved values of one product, for a channel or the storefront. */
export const approvedOf = async (productId: string, channel?: Channel) =>
  (await approvedValues(SHOP, [productId], channel)).get(productId)!;
