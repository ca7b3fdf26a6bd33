// The part of Shopify's Standard Product Taxonomy the seeded fashion shop uses (Shopify/product-taxonomy,
// dist/en/categories.txt). Ids are real; the emulator does not carry the whole tree.
export const TAXONOMY: Record<string, string> = {
  "gid://shopify/TaxonomyCategory/aa-1-10-2-5":
    "Apparel & Accessories > Clothing > Outerwear > Coats & Jackets > Overcoats",
  "gid://shopify/TaxonomyCategory/aa-1-10-2-6":
    "Apparel & Accessories > Clothing > Outerwear > Coats & Jackets > Parkas",
  "gid://shopify/TaxonomyCategory/aa-1-10-2-7":
    "Apparel & Accessories > Clothing > Outerwear > Coats & Jackets > Pea Coats",
  "gid://shopify/TaxonomyCategory/aa-1-10-2-9":
    "Apparel & Accessories > Clothing > Outerwear > Coats & Jackets > Puffer Jackets",
  "gid://shopify/TaxonomyCategory/aa-1-10-2-13":
    "Apparel & Accessories > Clothing > Outerwear > Coats & Jackets > Trench Coats",
  "gid://shopify/TaxonomyCategory/aa-1-10-2-17":
    "Apparel & Accessories > Clothing > Outerwear > Coats & Jackets > Wrap Coats",
  "gid://shopify/TaxonomyCategory/aa-1-13-3":
    "Apparel & Accessories > Clothing > Clothing Tops > Cardigans",
  "gid://shopify/TaxonomyCategory/aa-1-13-12":
    "Apparel & Accessories > Clothing > Clothing Tops > Sweaters",
  "gid://shopify/TaxonomyCategory/aa-1-13-14":
    "Apparel & Accessories > Clothing > Clothing Tops > Sweatshirts",
  "gid://shopify/TaxonomyCategory/aa-1-12-3":
    "Apparel & Accessories > Clothing > Pants > Chinos",
  "gid://shopify/TaxonomyCategory/aa-1-12-4":
    "Apparel & Accessories > Clothing > Pants > Jeans",
  "gid://shopify/TaxonomyCategory/aa-1-12-11":
    "Apparel & Accessories > Clothing > Pants > Trousers",
  "gid://shopify/TaxonomyCategory/aa-2-26":
    "Apparel & Accessories > Clothing Accessories > Scarves & Shawls",
  "gid://shopify/TaxonomyCategory/aa-2-17-2":
    "Apparel & Accessories > Clothing Accessories > Hats > Beanies",
  "gid://shopify/TaxonomyCategory/aa-2-13":
    "Apparel & Accessories > Clothing Accessories > Gloves & Mittens",
  "gid://shopify/TaxonomyCategory/aa-2-6":
    "Apparel & Accessories > Clothing Accessories > Belts",
};
