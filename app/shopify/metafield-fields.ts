// What the app reads of its own `$app` metafields, on a product or a variant: enough to compare with what it
// would write, and the digest to write against (compareDigest). Shared by the PIM's publish and the storefront
// sync's observation; include it by interpolating the constant on a line of its own (see mirror-fields.ts).
export const APP_METAFIELD_FIELDS = `#graphql
  fragment AppMetafieldFields on Metafield {
    key
    type
    value
    compareDigest
  }
`;
