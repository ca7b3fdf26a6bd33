// The product and variant fields the PIM mirrors (pim/catalogue-lines.ts maps them to rows), written once as
// fragments for the catalogue's bulk query and the one-product refresh. A document includes a fragment by
// interpolating its constant on a line of its own; codegen (@shopify/graphql-codegen) resolves `${NAME}` by the
// constant's name, so import these under their own names. Connections stay in the documents: a bulk query's
// connections are counted and split into JSONL lines where the query names them.
export const MIRROR_PRODUCT_FIELDS = `#graphql
  fragment MirrorProductFields on Product {
    id
    handle
    title
    descriptionHtml
    vendor
    productType
    status
    tags
    updatedAt
    category {
      id
    }
  }
`;

export const MIRROR_VARIANT_FIELDS = `#graphql
  fragment MirrorVariantFields on ProductVariant {
    id
    title
    sku
    barcode
    price
    compareAtPrice
    position
    availableForSale
    selectedOptions {
      name
      value
    }
  }
`;
