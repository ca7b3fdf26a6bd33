// The asset page's side of links: which products and variants show an asset (and what approving a new version
// will change), its link rows, and the link form's actions (link to a product or its variants of one option
// value, by option, unlink), which go through the link use cases of links.db.server.ts.
import { z } from "zod";
import db from "~/db.server";
import { Invalid, NotFound } from "~/lib/errors";
import { linkRoles, type LinkRole } from "./link-roles";
import { linkAssets, linkAssetsByOption, unlink } from "./links.db.server";

export interface UsedBy {
  products: {
    id: string;
    title: string;
    handle: string;
    variants: { id: string; title: string; sku: string | null }[];
    productLevel: boolean;
    roles: LinkRole[];
  }[];
  variantCount: number;
}

/** Every product and variant that shows the asset (a product-level link shows it for all variants). */
export async function usedBy(shop: string, assetId: string): Promise<UsedBy> {
  const links = await db.assetLink.findMany({
    where: { shop, assetId },
    include: {
      product: {
        select: {
          id: true,
          title: true,
          handle: true,
          variants: {
            select: { id: true, title: true, sku: true },
            orderBy: { position: "asc" },
          },
        },
      },
    },
  });
  const products = new Map<string, UsedBy["products"][number]>();
  for (const link of links) {
    const entry = products.get(link.productId) ?? {
      id: link.product.id,
      title: link.product.title,
      handle: link.product.handle,
      variants: [],
      productLevel: false,
      roles: [],
    };
    if (!entry.roles.includes(link.role)) entry.roles.push(link.role);
    if (link.variantId === "") {
      entry.productLevel = true;
      entry.variants = link.product.variants;
    } else if (!entry.productLevel) {
      const variant = link.product.variants.find(
        (v) => v.id === link.variantId,
      );
      if (variant && !entry.variants.some((v) => v.id === variant.id))
        entry.variants.push(variant);
    }
    products.set(link.productId, entry);
  }
  const list = [...products.values()];
  return {
    products: list,
    variantCount: list.reduce((n, p) => n + p.variants.length, 0),
  };
}

export const assetLinkAction = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("link"),
    /** A product handle, or a SKU (links that variant's product). */
    target: z.string().trim().min(1, "enter a product handle or a SKU"),
    role: z.enum(linkRoles),
    /** Empty: the whole product; else the variants having this option value (e.g. Camel). */
    optionValue: z.string().trim().default(""),
  }),
  z.object({
    intent: z.literal("link-option"),
    optionName: z.string().trim().min(1),
    optionValue: z.string().trim().min(1, "enter an option value, e.g. Camel"),
    role: z.enum(linkRoles),
  }),
  z.object({ intent: z.literal("unlink"), linkId: z.string().min(1) }),
]);
export type AssetLinkAction = z.infer<typeof assetLinkAction>;

/** The asset page's link form: link to a product (or its variants of one option value), by option, or unlink. */
export async function runAssetLinkAction(
  shop: string,
  assetId: string,
  action: AssetLinkAction,
  actor: string | null,
): Promise<{ created?: number; removed?: number }> {
  if (action.intent === "unlink") {
    const link = await db.assetLink.findFirst({
      where: { shop, assetId, id: action.linkId },
    });
    if (!link) throw new NotFound("link not found");
    return { removed: await unlink(shop, [link.id]) };
  }
  if (action.intent === "link-option")
    return linkAssetsByOption(
      shop,
      {
        assetIds: [assetId],
        optionName: action.optionName,
        optionValue: action.optionValue,
        role: action.role,
      },
      actor,
    );
  const product =
    (await db.product.findFirst({
      where: { shop, handle: action.target },
      include: { variants: { select: { id: true, selectedOptions: true } } },
    })) ??
    (
      await db.variant.findFirst({
        where: { shop, sku: action.target },
        include: {
          product: {
            include: {
              variants: { select: { id: true, selectedOptions: true } },
            },
          },
        },
      })
    )?.product;
  if (!product)
    throw new Invalid(`No product has the handle or SKU “${action.target}”.`, {
      target: ["no product matches"],
    });
  const value = action.optionValue.toLowerCase();
  const variantIds = value
    ? product.variants
        .filter((v) =>
          (v.selectedOptions as { value: string }[]).some(
            (o) => o.value.toLowerCase() === value,
          ),
        )
        .map((v) => v.id)
    : [];
  if (value && variantIds.length === 0)
    throw new Invalid(
      `No variant of this product has “${action.optionValue}”.`,
      { optionValue: ["no variant matches"] },
    );
  return linkAssets(
    shop,
    {
      assetIds: [assetId],
      productId: product.id,
      variantIds,
      role: action.role,
    },
    actor,
  );
}

export interface AssetLinkRow {
  id: string;
  productId: string;
  productTitle: string;
  productHandle: string;
  variantTitle: string | null;
  role: LinkRole;
}

/** The asset's links, for the asset page. */
export async function assetLinks(
  shop: string,
  assetId: string,
): Promise<AssetLinkRow[]> {
  const links = await db.assetLink.findMany({
    where: { shop, assetId },
    include: {
      product: {
        select: {
          title: true,
          handle: true,
          variants: { select: { id: true, title: true } },
        },
      },
    },
    orderBy: [{ productId: "asc" }, { position: "asc" }],
  });
  return links.map((l) => ({
    id: l.id,
    productId: l.productId,
    productTitle: l.product.title,
    productHandle: l.product.handle,
    variantTitle: l.variantId
      ? (l.product.variants.find((v) => v.id === l.variantId)?.title ?? null)
      : null,
    role: l.role,
  }));
}
