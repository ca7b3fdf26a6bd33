// Reading back what Shopify shows: a product's status, publication, media, variant images and app metafields in
// one sized query; files' processing state, content size and last change; and the files Vitrine created (their
// names start with `vitrine-{assetId}-`), to find a file whose creation answer was lost and files nobody uses.
import type { AdminClient } from "~/shopify/admin-client.server";
import type { OperationData } from "~/shopify/admin-graphql.server";
import { APP_METAFIELD_FIELDS } from "~/shopify/metafield-fields";
import { Invalid } from "~/lib/errors";

const PRODUCT_OBSERVATION = `#graphql
  query StorefrontProductObservation(
    $id: ID!
    $media: Int!
    $variants: Int!
    $after: String
    $productFields: Int!
    $variantFields: Int!
  ) {
    product(id: $id) {
      id
      status
      onlineStoreUrl
      updatedAt
      media(first: $media) {
        nodes { id status }
        pageInfo { hasNextPage }
      }
      metafields(first: $productFields, namespace: "$app") {
        nodes { ...AppMetafieldFields }
      }
      variants(first: $variants, after: $after) {
        nodes {
          id
          media(first: 1) { nodes { id } }
          metafields(first: $variantFields, namespace: "$app") {
            nodes { ...AppMetafieldFields }
          }
        }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
  ${APP_METAFIELD_FIELDS}
` as const;

const FILE_OBSERVATION = `#graphql
  query StorefrontFileObservation($ids: [ID!]!) {
    nodes(ids: $ids) {
      id
      ... on MediaImage {
        status
        alt
        updatedAt
        originalSource { fileSize }
        image { url }
        mediaErrors { code message }
      }
      ... on Video {
        status
        alt
        updatedAt
        originalSource { fileSize url }
        mediaErrors { code message }
      }
      ... on Model3d {
        status
        alt
        updatedAt
        originalSource { filesize url }
        mediaErrors { code message }
      }
    }
  }
`;

const VITRINE_FILES = `#graphql
  query VitrineFiles($query: String!, $first: Int!, $after: String) {
    files(first: $first, after: $after, query: $query, sortKey: CREATED_AT) {
      nodes {
        id
        createdAt
        updatedAt
        ... on MediaImage {
          status
          originalSource { fileSize }
          image { url }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

export interface ObservedMetafield {
  ownerId: string;
  key: string;
  type: string;
  value: string;
  digest: string | null;
}

export interface ObservedProduct {
  status: string;
  onlineStoreUrl: string | null;
  updatedAt: Date;
  media: { id: string; status: string }[];
  /** Variant GID → its media id (Shopify allows one). */
  variantMedia: Map<string, string | null>;
  metafields: ObservedMetafield[];
}

export interface ObservedFile {
  id: string;
  status: "UPLOADED" | "PROCESSING" | "READY" | "FAILED" | "MISSING";
  alt: string | null;
  updatedAt: Date | null;
  fileSize: number | null;
  url: string | null;
  error: string | null;
}

const MAX_REQUESTED = 950;

/**
 * Reads the product as the storefront has it. Page sizes follow what we expect (Shopify throttles on the
 * requested cost): `expected` media, variants and app metafields on the product and on its busiest variant —
 * sized apart, since a product carries a dozen PIM values where a variant carries its gallery and a few (one
 * page size for both made every variant ask for the product's dozen). Throws `Invalid` when the product is gone.
 */
export async function readProduct(
  client: AdminClient,
  productGid: string,
  expected: {
    media: number;
    variants: number;
    productFields: number;
    variantFields: number;
  },
): Promise<ObservedProduct> {
  const media = Math.min(250, expected.media + 5);
  const productFields = Math.min(250, expected.productFields + 3);
  const variantFields = Math.min(250, expected.variantFields + 3);
  const perVariant = 6 + variantFields;
  const page = Math.max(
    1,
    Math.min(
      250,
      expected.variants + 5,
      Math.floor((MAX_REQUESTED - 6 - media - productFields) / perVariant),
    ),
  );
  const variantMedia = new Map<string, string | null>();
  const metafields: ObservedMetafield[] = [];
  let first: ObservedProduct | null = null;
  let after: string | null = null;
  do {
    const data: OperationData<typeof PRODUCT_OBSERVATION> =
      await client.request(PRODUCT_OBSERVATION, {
        id: productGid,
        media,
        variants: page,
        after,
        productFields,
        variantFields,
      });
    const product = data.product;
    if (!product)
      throw new Invalid(`product ${productGid} does not exist in Shopify`);
    if (product.media.pageInfo.hasNextPage && media < 250)
      return readProduct(client, productGid, { ...expected, media: 245 });
    if (!first) {
      first = {
        status: product.status,
        onlineStoreUrl: product.onlineStoreUrl ?? null,
        updatedAt: new Date(product.updatedAt as string),
        media: product.media.nodes.map((m) => ({ id: m.id, status: m.status })),
        variantMedia,
        metafields,
      };
      for (const m of product.metafields.nodes)
        metafields.push({
          ownerId: product.id,
          key: m.key,
          type: m.type,
          value: m.value,
          digest: m.compareDigest,
        });
    }
    for (const variant of product.variants.nodes) {
      variantMedia.set(variant.id, variant.media.nodes[0]?.id ?? null);
      for (const m of variant.metafields.nodes)
        metafields.push({
          ownerId: variant.id,
          key: m.key,
          type: m.type,
          value: m.value,
          digest: m.compareDigest,
        });
    }
    after = product.variants.pageInfo.hasNextPage
      ? (product.variants.pageInfo.endCursor ?? null)
      : null;
  } while (after);
  return first;
}

/** Each file's state; a file that no longer exists comes back as MISSING. */
export async function readFiles(
  client: AdminClient,
  ids: readonly string[],
): Promise<Map<string, ObservedFile>> {
  const out = new Map<string, ObservedFile>();
  for (let i = 0; i < ids.length; i += 250) {
    const batch = ids.slice(i, i + 250);
    const data = await client.request(FILE_OBSERVATION, { ids: batch });
    data.nodes.forEach((node, index) => {
      const id = batch[index]!;
      if (!node || !("status" in node)) {
        out.set(id, {
          id,
          status: "MISSING",
          alt: null,
          updatedAt: null,
          fileSize: null,
          url: null,
          error: null,
        });
        return;
      }
      const error = node.mediaErrors?.[0];
      const source = node.originalSource;
      // Videos and 3D models (issue #15) report their original's size and URL; Model3dSource spells it `filesize`.
      const size = source
        ? "fileSize" in source
          ? source.fileSize
          : "filesize" in source
            ? source.filesize
            : null
        : null;
      out.set(id, {
        id,
        status: node.status,
        alt: node.alt ?? null,
        updatedAt: new Date(node.updatedAt as string),
        fileSize: size == null ? null : Number(size),
        url:
          ("image" in node ? node.image?.url : undefined) ??
          (source && "url" in source ? source.url : null) ??
          null,
        error: error ? `${error.code}: ${error.message}` : null,
      });
    });
  }
  return out;
}

export interface VitrineFile {
  id: string;
  createdAt: Date;
  status: string | null;
  fileSize: number | null;
  url: string | null;
}

/** The files whose name starts with `prefix` (Shopify's `filename:prefix*` search), oldest first. */
export async function findFiles(
  client: AdminClient,
  prefix: string,
  limit = 1000,
): Promise<VitrineFile[]> {
  const out: VitrineFile[] = [];
  let after: string | null = null;
  do {
    const data: OperationData<typeof VITRINE_FILES> = await client.request(
      VITRINE_FILES,
      {
        query: `filename:${prefix}*`,
        first: Math.min(100, limit - out.length),
        after,
      },
    );
    for (const node of data.files.nodes)
      out.push({
        id: node.id,
        createdAt: new Date(node.createdAt as string),
        status: "status" in node ? node.status : null,
        fileSize:
          "originalSource" in node && node.originalSource?.fileSize != null
            ? Number(node.originalSource.fileSize)
            : null,
        url: "image" in node ? (node.image?.url ?? null) : null,
      });
    after = data.files.pageInfo.hasNextPage
      ? (data.files.pageInfo.endCursor ?? null)
      : null;
  } while (after && out.length < limit);
  return out;
}
