// The seeds' scenario as data: a fashion retailer's autumn/winter collection — coats, knitwear, trousers and
// accessories in sizes × colours. Deterministic: the same count always gives the same products.
import { seededRandom } from "../faults";

export interface Colour {
  name: string;
  code: string;
  hex: string;
}

export const COLOURS: Colour[] = [
  { name: "Camel", code: "CAM", hex: "#c19a6b" },
  { name: "Black", code: "BLK", hex: "#1f1f1f" },
  { name: "Navy", code: "NVY", hex: "#1f2a44" },
  { name: "Charcoal", code: "CHR", hex: "#3c3f44" },
  { name: "Oatmeal", code: "OAT", hex: "#d8cbb3" },
  { name: "Forest", code: "FOR", hex: "#2f4a3a" },
  { name: "Burgundy", code: "BUR", hex: "#6d1f2f" },
  { name: "Ivory", code: "IVO", hex: "#efe9dc" },
  { name: "Rust", code: "RUS", hex: "#a14a26" },
  { name: "Olive", code: "OLV", hex: "#5b5e34" },
  { name: "Grey Marl", code: "GRM", hex: "#9a9ca0" },
  { name: "Chocolate", code: "CHO", hex: "#4a3125" },
];

export type Family = "coat" | "knit" | "trouser" | "accessory";

interface FamilySpec {
  productType: string;
  code: string;
  count: number;
  sizes: string[][];
  colours: [number, number];
  price: [number, number];
  styles: { name: string; category: string }[];
  materials: string[];
}

const TAXON = (id: string) => `gid://shopify/TaxonomyCategory/${id}`;

const FAMILIES: Record<Family, FamilySpec> = {
  coat: {
    productType: "Coats",
    code: "COA",
    count: 50,
    sizes: [["XS", "S", "M", "L", "XL"]],
    colours: [2, 4],
    price: [180, 450],
    styles: [
      { name: "Wrap Coat", category: TAXON("aa-1-10-2-17") },
      { name: "Overcoat", category: TAXON("aa-1-10-2-5") },
      { name: "Pea Coat", category: TAXON("aa-1-10-2-7") },
      { name: "Parka", category: TAXON("aa-1-10-2-6") },
      { name: "Trench Coat", category: TAXON("aa-1-10-2-13") },
      { name: "Puffer Jacket", category: TAXON("aa-1-10-2-9") },
    ],
    materials: [
      "Wool",
      "Cashmere-Blend",
      "Recycled Wool",
      "Waxed Cotton",
      "Boiled Wool",
      "Gabardine",
    ],
  },
  knit: {
    productType: "Knitwear",
    code: "KNT",
    count: 60,
    sizes: [["XS", "S", "M", "L", "XL"]],
    colours: [2, 3],
    price: [80, 220],
    styles: [
      { name: "Crew Jumper", category: TAXON("aa-1-13-12") },
      { name: "Roll-Neck Sweater", category: TAXON("aa-1-13-12") },
      { name: "Cardigan", category: TAXON("aa-1-13-3") },
      { name: "Cable Knit", category: TAXON("aa-1-13-12") },
      { name: "Zip Sweatshirt", category: TAXON("aa-1-13-14") },
    ],
    materials: [
      "Merino",
      "Cashmere",
      "Lambswool",
      "Alpaca-Blend",
      "Cotton Cable",
      "Mohair",
    ],
  },
  trouser: {
    productType: "Trousers",
    code: "TRS",
    count: 50,
    sizes: [["26", "28", "30", "32", "34", "36"]],
    colours: [2, 3],
    price: [90, 180],
    styles: [
      { name: "Pleated Trouser", category: TAXON("aa-1-12-11") },
      { name: "Wide-Leg Trouser", category: TAXON("aa-1-12-11") },
      { name: "Chino", category: TAXON("aa-1-12-3") },
      { name: "Straight Jean", category: TAXON("aa-1-12-4") },
      { name: "Cord Trouser", category: TAXON("aa-1-12-11") },
    ],
    materials: [
      "Wool Flannel",
      "Corduroy",
      "Cotton Twill",
      "Selvedge Denim",
      "Moleskin",
    ],
  },
  accessory: {
    productType: "Accessories",
    code: "ACC",
    count: 40,
    sizes: [["One Size"], ["S/M", "L/XL"]],
    colours: [1, 3],
    price: [30, 120],
    styles: [
      { name: "Scarf", category: TAXON("aa-2-26") },
      { name: "Beanie", category: TAXON("aa-2-17-2") },
      { name: "Gloves", category: TAXON("aa-2-13") },
      { name: "Leather Belt", category: TAXON("aa-2-6") },
    ],
    materials: ["Cashmere", "Lambswool", "Leather", "Merino", "Alpaca"],
  },
};

export interface SeedVariant {
  sku: string;
  barcode: string;
  colour: Colour;
  size: string;
  price: string;
  inventoryQuantity: number;
}

export interface SeedProduct {
  /** 1-based number within its family, part of every SKU. */
  number: number;
  family: Family;
  styleCode: string;
  title: string;
  handle: string;
  productType: string;
  vendor: string;
  categoryId: string;
  material: string;
  tags: string[];
  status: "ACTIVE" | "DRAFT";
  descriptionHtml: string;
  colours: Colour[];
  sizes: string[];
  variants: SeedVariant[];
}

function ean13(base12: string): string {
  const sum = [...base12].reduce(
    (acc, digit, index) => acc + Number(digit) * (index % 2 === 0 ? 1 : 3),
    0,
  );
  return `${base12}${(10 - (sum % 10)) % 10}`;
}

/** The autumn/winter collection: ~200 products, ~2,000 variants (scale with `factor` for bigger shops). */
export function buildCatalogue(factor = 1): SeedProduct[] {
  const random = seededRandom(2026);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const products: SeedProduct[] = [];
  let barcodeCounter = 0;
  for (const [family, spec] of Object.entries(FAMILIES) as [
    Family,
    FamilySpec,
  ][]) {
    for (let n = 1; n <= Math.round(spec.count * factor); n++) {
      const style = spec.styles[(n - 1) % spec.styles.length]!;
      const material = pick(spec.materials);
      const colourCount =
        spec.colours[0] +
        Math.floor(random() * (spec.colours[1] - spec.colours[0] + 1));
      const palette = [...COLOURS]
        .sort(() => random() - 0.5)
        .slice(0, colourCount);
      const sizes = pick(spec.sizes);
      const price = (
        spec.price[0] +
        Math.floor((random() * (spec.price[1] - spec.price[0])) / 5) * 5
      ).toFixed(2);
      const styleCode = `AW26-${spec.code}-${String(n).padStart(3, "0")}`;
      const title = `${material} ${style.name}${n > spec.styles.length ? ` ${Math.ceil(n / spec.styles.length)}` : ""}`;
      products.push({
        number: n,
        family,
        styleCode,
        title,
        handle: `${title}-${styleCode}`
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-"),
        productType: spec.productType,
        vendor: "Maison Vitrine",
        categoryId: style.category,
        material,
        tags: ["AW26", spec.productType, material],
        status: random() < 0.9 ? "ACTIVE" : "DRAFT",
        descriptionHtml: `<p>${title} in ${material.toLowerCase()}, from the autumn/winter 2026 collection.</p>`,
        colours: palette,
        sizes,
        variants: palette.flatMap((colour) =>
          sizes.map((size) => ({
            sku: `${styleCode}-${colour.code}-${size.replace("/", "")}`
              .toUpperCase()
              .replace(/\s+/g, ""),
            barcode: ean13(`400${String(++barcodeCounter).padStart(9, "0")}`),
            colour,
            size,
            price,
            inventoryQuantity: Math.floor(random() * 40),
          })),
        ),
      });
    }
  }
  return products;
}
