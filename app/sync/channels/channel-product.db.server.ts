// What the item channels (Google, Meta, the marketplace) receive for a product: per variant, its images (variant links
// first, then product-level links) as channel renditions that passed pre-flight, and its data from the mirror and
// the PIM. Shared by the feed channels' adapters.
import db from "~/db.server";
import { NotFound } from "~/lib/errors";
import type { AttributeValueData } from "~/pim/attribute-types";
import {
  approvedValues,
  type ApprovedProductValues,
} from "~/pim/values.db.server";
import type { ChannelKind } from "~/channels/kinds";
import { describeFailures } from "../preflight";
import {
  channelRendition,
  channelRenditions,
  type ChannelRendition,
} from "../renditions.server";
import { licensed } from "../canonical";
import { renditionUrl } from "../urls.server";
import type { DesiredState } from "./adapter";
import { chunks } from "~/lib/chunks";
import { EMBARGO_REASON, embargoedAmong } from "../launch-gate.db.server";

const MAX_IMAGES = 11;

export type Values = Record<string, AttributeValueData>;
export type VariantOption = { name: string; value: string };

/** A product's approved PIM values for a channel: product-level, overridden by the variant's own. */
function valuesFrom(
  approved: ApprovedProductValues | undefined,
): (variantId: string) => Values {
  return (variantId) => ({
    ...approved?.product,
    ...approved?.variants[variantId]?.values,
  });
}

export interface VariantImages {
  variantId: string;
  urls: string[];
}

export type LoadedProduct = Awaited<
  ReturnType<typeof findChannelProducts>
>[number];

async function findChannelProducts(
  shop: string,
  productIds: readonly string[],
) {
  return db.product.findMany({
    where: { shop, id: { in: [...productIds] } },
    include: {
      variants: { orderBy: { position: "asc" } },
      assetLinks: {
        where: {
          asset: { status: "APPROVED", currentVersionId: { not: null } },
        },
        include: {
          asset: {
            select: {
              id: true,
              title: true,
              currentVersionId: true,
              validFrom: true,
              validUntil: true,
            },
          },
        },
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      },
    },
  });
}

/** The product with its variants and its approved, currently licensed links. Throws `NotFound`. */
export async function loadChannelProduct(
  shop: string,
  productId: string,
  now = new Date(),
): Promise<LoadedProduct> {
  const product = (await loadChannelProducts(shop, [productId], now))[0];
  if (!product) throw new NotFound(`product ${productId} not found`);
  return product;
}

/** `loadChannelProduct` for many products at once (those that exist). */
async function loadChannelProducts(
  shop: string,
  productIds: readonly string[],
  now = new Date(),
): Promise<LoadedProduct[]> {
  return (await findChannelProducts(shop, productIds)).map((product) => ({
    ...product,
    assetLinks: product.assetLinks.filter((l) => licensed(l.asset, now)),
  }));
}

/**
 * Renders (or reuses) the channel renditions of every image the product uses and checks them. Returns each
 * variant's image URLs, or the pre-flight failures that block the channel for this product.
 */
export async function channelImages(
  shop: string,
  product: LoadedProduct,
  channel: ChannelKind,
  renditions?: ReadonlyMap<string, ChannelRendition>,
): Promise<{ images: VariantImages[]; failures: string[] }> {
  // Composition rules (white background, fill) are for the main image; size, pixel and tag rules for all.
  const MAIN_ONLY = new Set(["minWhiteBorder", "minFill"]);
  const rendered = new Map<
    string,
    { url: string; main: string | null; additional: string | null }
  >();
  for (const link of product.assetLinks) {
    const versionId = link.asset.currentVersionId!;
    if (rendered.has(versionId)) continue;
    const rendition =
      renditions?.get(versionId) ??
      (await channelRendition(shop, versionId, channel));
    const describe = (failures: typeof rendition.preflight.failures) =>
      describeFailures(link.asset.title, failures);
    rendered.set(versionId, {
      url: renditionUrl(shop, rendition.key, rendition.extension),
      main: describe(rendition.preflight.failures),
      additional: describe(
        rendition.preflight.failures.filter((f) => !MAIN_ONLY.has(f.rule)),
      ),
    });
  }
  const productLevel = product.assetLinks.filter((l) => l.variantId === "");
  const failures = new Set<string>();
  const images = product.variants.map((variant) => {
    const links = [
      ...product.assetLinks.filter((l) => l.variantId === variant.id),
      ...productLevel,
    ];
    const urls: string[] = [];
    links.forEach((link, index) => {
      const r = rendered.get(link.asset.currentVersionId!)!;
      // A main image that fails blocks the channel for the product; a failing additional image is left out.
      const failure = index === 0 ? r.main : r.additional;
      if (failure) {
        if (index === 0) failures.add(failure);
        return;
      }
      if (!urls.includes(r.url)) urls.push(r.url);
    });
    return { variantId: variant.id, urls: urls.slice(0, MAX_IMAGES) };
  });
  return { images, failures: [...failures] };
}

export async function shopCurrency(shop: string): Promise<string> {
  const row = await db.shop.findUnique({
    where: { shop },
    select: { currencyCode: true },
  });
  return row?.currencyCode ?? "USD";
}

/** Shopify's status in words, for "not on the channel" reasons. */
export function notActiveReason(status: string): string {
  if (status === "DRAFT") return "Draft in Shopify";
  if (status === "ARCHIVED") return "Archived in Shopify";
  if (status === "UNLISTED") return "Unlisted in Shopify";
  return `${status} in Shopify`;
}

/** What an item channel's desired state says alike, whatever its items: all but the digest of its content. */
export interface ItemChannelState extends Omit<DesiredState, "digest"> {
  /** ACTIVE in Shopify and not held by a launch's embargo: its items are served / its listings active. */
  active: boolean;
  /** Held by a launch's embargo (sync/launch-gate): items prepared, not served or activated. */
  embargoed: boolean;
  statusText: string;
}

/** Everything an item channel builds a product's desired state from. */
export interface ChannelInputs {
  product: LoadedProduct;
  /** The variant's checked image URLs, main first; empty when it has none that passed. */
  urlsOf(variantId: string): string[];
  valuesOf(variantId: string): Values;
  optionsOf(variant: LoadedProduct["variants"][number]): VariantOption[];
  currency: string;
  state: ItemChannelState;
}

/** One product's channel inputs. Throws `NotFound`. */
export async function loadChannelInputs(
  shop: string,
  productId: string,
  channel: ChannelKind,
): Promise<ChannelInputs> {
  const inputs = (await loadChannelInputsMany(shop, [productId], channel)).get(
    productId,
  );
  if (!inputs) throw new NotFound(`product ${productId} not found`);
  return inputs;
}

/**
 * The channel inputs of many products (those that exist), in a few queries per 250 products instead of a dozen
 * per product: what a launch's go-live needs to build a season's listings at once.
 */
export async function loadChannelInputsMany(
  shop: string,
  productIds: readonly string[],
  channel: ChannelKind,
): Promise<Map<string, ChannelInputs>> {
  const out = new Map<string, ChannelInputs>();
  const currency = await shopCurrency(shop);
  for (const ids of chunks(productIds, 250)) {
    const products = await loadChannelProducts(shop, ids);
    const renditions = await channelRenditions(
      shop,
      products.flatMap((p) =>
        p.assetLinks.map((l) => l.asset.currentVersionId!),
      ),
      channel,
    );
    const held = await embargoedAmong(shop, ids);
    const values = await approvedValues(shop, ids, channel);
    for (const product of products) {
      const { images, failures } = await channelImages(
        shop,
        product,
        channel,
        renditions,
      );
      const embargoed = held.has(product.id);
      out.set(product.id, {
        product,
        urlsOf: (variantId) =>
          images.find((i) => i.variantId === variantId)?.urls ?? [],
        valuesOf: valuesFrom(values.get(product.id)),
        optionsOf: (variant) => variant.selectedOptions as VariantOption[],
        currency,
        state: {
          blocked: failures.length > 0 ? failures.join(" · ") : null,
          versionIds: new Set(
            product.assetLinks.map((l) => l.asset.currentVersionId!),
          ),
          variants: product.variants.length,
          active: product.status === "ACTIVE" && !embargoed,
          embargoed,
          statusText: embargoed
            ? EMBARGO_REASON
            : notActiveReason(product.status),
        },
      });
    }
  }
  return out;
}
