// Colour swatches on Shopify, the way 2026-10 allows: OptionValueUpdateInput has no swatch field, so each colour
// value gets a `shopify--color-pattern` metaobject entry (label = the value's name, colour = its packshot's
// subject colour, image = the packshot's Shopify file, or a square detail of it when it gives no colour) and the
// product's Colour option is linked to the category metafield `shopify.color-pattern`, each value to its entry;
// Shopify then shows the entry's colour and image as the value's swatch. Read back from `optionValues.swatch`
// before counting as written.
// https://shopify.dev/docs/apps/build/product-merchandising/metafield-linked-product-options
import { Upstream } from "~/lib/errors";
import type { AdminClient } from "~/shopify/admin-client.server";
import { assertNoUserErrors } from "~/shopify/admin-graphql.server";
import {
  cropPointOf,
  saveSwatch,
  shopSwatchCount,
  shopSwatches,
  swatchHandle,
  swatchSources,
  type SwatchSource,
} from "./swatches.db.server";
import { swatchCropFile } from "./swatch-crops.server";

export const COLOR_PATTERN = {
  type: "shopify--color-pattern",
  namespace: "shopify",
  key: "color-pattern",
} as const;

const ENABLE_DEFINITIONS = `#graphql
  mutation SwatchDefinitionsEnable {
    standardMetaobjectDefinitionEnable(type: "shopify--color-pattern") {
      metaobjectDefinition {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
    standardMetafieldDefinitionEnable(ownerType: PRODUCT, namespace: "shopify", key: "color-pattern") {
      createdDefinition {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const UPSERT_ENTRY = `#graphql
  mutation SwatchEntryUpsert($handle: MetaobjectHandleInput!, $metaobject: MetaobjectUpsertInput!) {
    metaobjectUpsert(handle: $handle, metaobject: $metaobject) {
      metaobject {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const PRODUCT_OPTIONS = `#graphql
  query SwatchProductOptions($id: ID!) {
    product(id: $id) {
      options {
        id
        name
        linkedMetafield {
          namespace
          key
        }
        optionValues {
          id
          name
          linkedMetafieldValue
          swatch {
            color
            image {
              id
            }
          }
        }
      }
    }
  }
`;

const LINK_OPTION = `#graphql
  mutation SwatchOptionLink($productId: ID!, $option: OptionUpdateInput!, $values: [OptionValueUpdateInput!]) {
    productOptionUpdate(productId: $productId, option: $option, optionValuesToUpdate: $values) {
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export interface WrittenSwatch {
  value: string;
  color: string | null;
  imageId: string | null;
}

export interface SwatchResult {
  outcome: "written" | "no-colour-option" | "no-packshot";
  swatches: WrittenSwatch[];
}

async function enableDefinitions(client: AdminClient): Promise<void> {
  const data = await client.request(ENABLE_DEFINITIONS);
  const ignore = (e: { code?: string | null }) => e.code !== "TAKEN";
  assertNoUserErrors(
    "standardMetaobjectDefinitionEnable",
    (data.standardMetaobjectDefinitionEnable?.userErrors ?? []).filter(ignore),
  );
  assertNoUserErrors(
    "standardMetafieldDefinitionEnable",
    (data.standardMetafieldDefinitionEnable?.userErrors ?? []).filter(ignore),
  );
}

/** Creates or updates the value's entry; the first packshot seen gives a value its colour, kept after. */
async function upsertEntry(
  shop: string,
  client: AdminClient,
  source: SwatchSource,
  known: { color: string | null; fileGid: string | null } | undefined,
): Promise<string> {
  const color = known?.color ?? source.color;
  const fileGid = source.fileGid ?? known?.fileGid ?? null;
  const data = await client.request(UPSERT_ENTRY, {
    handle: { type: COLOR_PATTERN.type, handle: source.handle },
    metaobject: {
      fields: [
        { key: "label", value: source.label },
        ...(color ? [{ key: "color", value: JSON.stringify([color]) }] : []),
        ...(fileGid ? [{ key: "image", value: fileGid }] : []),
      ],
    },
  });
  const result = data.metaobjectUpsert;
  assertNoUserErrors("metaobjectUpsert", result?.userErrors ?? []);
  const id = result?.metaobject?.id;
  if (!id) throw new Upstream("metaobjectUpsert returned no entry", true);
  await saveSwatch(shop, {
    label: source.label,
    handle: source.handle,
    color,
    assetId: source.assetId,
    fileGid,
    metaobjectId: id,
  });
  return id;
}

/**
 * Gives each value of the product's Colour option its swatch: entries upserted, the option linked (only when a
 * value is not yet linked to its entry), then read back. Idempotent. Throws `Invalid` on userErrors, `Upstream`
 * when Shopify does not show a swatch it was given.
 */
export async function writeProductSwatches(
  shop: string,
  productId: string,
  client: AdminClient,
): Promise<SwatchResult> {
  const sources = await swatchSources(shop, productId);
  if (!sources) return { outcome: "no-colour-option", swatches: [] };
  // No packshot gives any value a colour or image yet: nothing to show, no Admin API call.
  if (!sources.values.some((v) => v.color || v.fileGid))
    return { outcome: "no-packshot", swatches: [] };
  const known = await shopSwatches(
    shop,
    sources.values.map((v) => v.handle),
  );
  // The definitions are enabled once per shop: before its first entry.
  if ((await shopSwatchCount(shop)) === 0) await enableDefinitions(client);
  const entries = new Map<string, string>();
  for (const source of sources.values) {
    const row = known.get(source.handle);
    // A value's entry is shop-wide ("Navy" is one swatch for every product): its image belongs to the packshot
    // that gave it one, and only that asset moves it to a new file. Another product's navy packshot leaves it
    // alone — else each product's run re-pointed the shared entry at its own packshot, and every converge of
    // every product rewrote (and re-cropped) the shop's swatches.
    if (row?.metaobjectId && row.fileGid && row.assetId !== source.assetId) {
      source.fileGid = row.fileGid;
      source.assetId = row.assetId;
    }
    // No subject colour: the swatch shows a square detail of the packshot (swatch-crops.server.ts).
    else if (!(row?.color ?? source.color) && source.assetId)
      source.fileGid =
        (await swatchCropFile(
          shop,
          client,
          source,
          row ? cropPointOf(row) : null,
        )) ?? source.fileGid;
    // Written already with its label, a colour once one is known, and the packshot's current file.
    const current =
      row?.metaobjectId &&
      row.label === source.label &&
      (row.color !== null || source.color === null) &&
      (source.fileGid === null || row.fileGid === source.fileGid)
        ? row.metaobjectId
        : null;
    entries.set(
      source.label,
      current ?? (await upsertEntry(shop, client, source, row)),
    );
  }
  const read = async () =>
    (
      await client.request(PRODUCT_OPTIONS, { id: sources.productGid })
    ).product?.options.find((o) => o.name === sources.optionName);
  const option = await read();
  if (!option) return { outcome: "no-colour-option", swatches: [] };
  const linked =
    option.linkedMetafield?.namespace === COLOR_PATTERN.namespace &&
    option.linkedMetafield.key === COLOR_PATTERN.key &&
    option.optionValues.every(
      (v) => v.linkedMetafieldValue === entries.get(v.name),
    );
  if (!linked) {
    const missing = option.optionValues.filter((v) => !entries.has(v.name));
    // Linking needs an entry for every value, also those no variant of ours has (a value Shopify keeps).
    for (const value of missing)
      entries.set(
        value.name,
        await upsertEntry(
          shop,
          client,
          {
            label: value.name,
            handle: swatchHandle(value.name),
            color: null,
            assetId: null,
            fileGid: null,
          },
          undefined,
        ),
      );
    const data = await client.request(LINK_OPTION, {
      productId: sources.productGid,
      option: {
        id: option.id,
        linkedMetafield: {
          namespace: COLOR_PATTERN.namespace,
          key: COLOR_PATTERN.key,
        },
      },
      values: option.optionValues.map((v) => ({
        id: v.id,
        linkedMetafieldValue: entries.get(v.name)!,
      })),
    });
    assertNoUserErrors(
      "productOptionUpdate",
      data.productOptionUpdate?.userErrors ?? [],
    );
  }
  const after = linked ? option : await read();
  const swatches = (after?.optionValues ?? []).map((v) => ({
    value: v.name,
    color: v.swatch?.color ?? null,
    imageId: v.swatch?.image?.id ?? null,
  }));
  const expected = sources.values.filter((s) => s.color);
  if (
    expected.some(
      (s) => !swatches.some((w) => w.value === s.label && w.color !== null),
    )
  )
    throw new Upstream(
      `Shopify does not show the swatches of ${productId} yet`,
      true,
    );
  return { outcome: "written", swatches };
}
