// The demo's apparel attribute set: what a fashion retailer fills in for coats, knitwear, trousers and accessories,
// and which channels need it (Google Merchant requires gender, age group and material for apparel).
import { channelKinds } from "~/channels/kinds";
import type { AttributeInput, FamilyInput } from "./attributes.schema";
import {
  assignFamilies,
  saveAttribute,
  saveFamily,
} from "./attributes.db.server";

export const APPAREL_ATTRIBUTES: AttributeInput[] = [
  {
    key: "material_composition",
    labels: { en: "Material composition", fr: "Composition" },
    type: "single_line_text",
    localisable: true,
    validation: { maxLength: 200 },
    group: "Materials & care",
    position: 1,
  },
  {
    key: "care_instructions",
    labels: { en: "Care instructions", fr: "Entretien" },
    type: "multi_line_text",
    localisable: true,
    validation: { maxLength: 2000 },
    group: "Materials & care",
    position: 2,
  },
  {
    key: "fit",
    labels: { en: "Fit" },
    type: "single_select",
    validation: { allowedValues: ["Slim", "Regular", "Relaxed", "Oversized"] },
    group: "Sizing",
    position: 1,
  },
  {
    key: "size_chart",
    labels: { en: "Size chart" },
    type: "url",
    validation: {},
    group: "Sizing",
    position: 2,
  },
  {
    key: "season",
    labels: { en: "Season" },
    type: "multi_select",
    validation: { allowedValues: ["AW26", "SS27", "AW27", "Core"] },
    group: "Specifications",
    position: 1,
  },
  {
    key: "country_of_origin",
    labels: { en: "Country of origin" },
    type: "single_line_text",
    validation: { pattern: "[A-Z]{2}" },
    group: "Specifications",
    position: 2,
  },
  {
    key: "gender",
    labels: { en: "Gender" },
    type: "single_select",
    validation: { allowedValues: ["female", "male", "unisex"] },
    group: "Specifications",
    position: 3,
  },
  {
    key: "age_group",
    labels: { en: "Age group" },
    type: "single_select",
    validation: {
      allowedValues: ["adult", "teen", "kids", "toddler", "infant", "newborn"],
    },
    group: "Specifications",
    position: 4,
  },
  {
    key: "brand",
    labels: { en: "Brand" },
    type: "single_line_text",
    channelSpecific: true,
    validation: { maxLength: 70 },
    group: "Specifications",
    position: 5,
  },
  {
    key: "garment_length",
    labels: { en: "Garment length" },
    type: "measurement",
    level: "VARIANT",
    validation: { measurementKind: "dimension", min: 0 },
    group: "Sizing",
    position: 3,
  },
];

const ALL = channelKinds;
const rules: FamilyInput["attributes"] = [
  { key: "material_composition", requiredChannels: [...ALL] },
  {
    key: "care_instructions",
    requiredChannels: ["SHOPIFY_STOREFRONT", "MARKETPLACE"],
  },
  { key: "fit", requiredChannels: ["SHOPIFY_STOREFRONT"] },
  { key: "size_chart", requiredChannels: [] },
  { key: "season", requiredChannels: [] },
  { key: "country_of_origin", requiredChannels: ["MARKETPLACE"] },
  {
    key: "gender",
    requiredChannels: ["GOOGLE_MERCHANT", "MARKETPLACE", "META_CATALOG"],
  },
  { key: "age_group", requiredChannels: ["GOOGLE_MERCHANT", "META_CATALOG"] },
  {
    key: "brand",
    requiredChannels: ["GOOGLE_MERCHANT", "MARKETPLACE", "META_CATALOG"],
  },
  { key: "garment_length", requiredChannels: [] },
];

export const APPAREL_FAMILIES: FamilyInput[] = [
  { name: "Outerwear", productTypes: ["Coats"], attributes: rules },
  { name: "Knitwear", productTypes: ["Knitwear"], attributes: rules },
  { name: "Trousers", productTypes: ["Trousers"], attributes: rules },
  {
    name: "Accessories",
    productTypes: ["Accessories"],
    attributes: rules.filter((r) => !["fit", "garment_length"].includes(r.key)),
  },
];

/** Creates the apparel attributes and families and assigns products to them. Idempotent. */
export async function seedApparelAttributes(shop: string): Promise<void> {
  for (const attribute of APPAREL_ATTRIBUTES)
    await saveAttribute(shop, attribute);
  for (const family of APPAREL_FAMILIES) await saveFamily(shop, family);
  await assignFamilies(shop);
}
