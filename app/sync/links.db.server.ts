// Links between approved assets and products/variants, with a role and an order. Every change writes an
// `asset-link.changed` outbox event in the same transaction, so the storefront follows.
import { z } from "zod";
import db, { type Prisma } from "~/db.server";
import { Invalid, NotFound } from "~/lib/errors";
import { namedGroupsOf } from "~/lib/merchant-pattern";
import { writeOutboxEvent } from "~/outbox/outbox.db.server";
import { linkRoles, type LinkRole } from "./link-roles";

export const linkInput = z.object({
  assetIds: z.array(z.string().min(1)).min(1).max(500),
  productId: z.string().min(1),
  /** Empty: a product-level link. */
  variantIds: z.array(z.string().min(1)).max(2000).default([]),
  role: z.enum(linkRoles),
});
export type LinkInput = z.infer<typeof linkInput>;

type Tx = Prisma.TransactionClient;

async function approvedAssets(tx: Tx, shop: string, assetIds: string[]) {
  const assets = await tx.asset.findMany({
    where: { shop, id: { in: assetIds } },
    select: { id: true, title: true, status: true, currentVersionId: true },
  });
  const found = new Map(assets.map((asset) => [asset.id, asset]));
  for (const id of assetIds) {
    const asset = found.get(id);
    if (!asset) throw new NotFound(`asset ${id} not found`);
    if (asset.status !== "APPROVED" || !asset.currentVersionId)
      throw new Invalid(
        `“${asset.title}” is not approved: only approved assets can be linked to products.`,
        { assetIds: ["only approved assets can be linked"] },
      );
  }
  return assets;
}

async function createLinks(
  tx: Tx,
  shop: string,
  input: LinkInput,
  actor: string | null,
): Promise<number> {
  const product = await tx.product.findFirst({
    where: { shop, id: input.productId },
    select: { id: true, variants: { select: { id: true } } },
  });
  if (!product) throw new NotFound(`product ${input.productId} not found`);
  const own = new Set(product.variants.map((variant) => variant.id));
  for (const variantId of input.variantIds)
    if (!own.has(variantId))
      throw new Invalid("A variant does not belong to this product.", {
        variantIds: [`${variantId} is not a variant of this product`],
      });
  await approvedAssets(tx, shop, input.assetIds);
  const targets = input.variantIds.length > 0 ? input.variantIds : [""];
  let created = 0;
  for (const variantId of targets) {
    const existing = await tx.assetLink.findMany({
      where: { shop, productId: product.id, variantId },
      select: { assetId: true, role: true, position: true },
    });
    let position = existing.reduce(
      (max, l) => Math.max(max, l.position + 1),
      0,
    );
    for (const assetId of input.assetIds) {
      if (existing.some((l) => l.assetId === assetId && l.role === input.role))
        continue;
      await tx.assetLink.create({
        data: {
          shop,
          assetId,
          productId: product.id,
          variantId,
          role: input.role,
          position: position++,
          createdBy: actor,
        },
      });
      created += 1;
    }
  }
  return created;
}

async function announce(tx: Tx, shop: string, productIds: string[]) {
  for (const productId of new Set(productIds))
    await writeOutboxEvent(tx, {
      shop,
      topic: "asset-link.changed",
      aggregateId: productId,
      payload: { productId },
    });
}

/** Links approved assets to a product or some of its variants. Refuses assets that are not approved. */
export async function linkAssets(
  shop: string,
  raw: unknown,
  actor: string | null = null,
): Promise<{ created: number }> {
  const input = linkInput.parse(raw);
  return db.$transaction(async (tx) => {
    const created = await createLinks(tx, shop, input, actor);
    if (created > 0) await announce(tx, shop, [input.productId]);
    return { created };
  });
}

export const optionLinkInput = z.object({
  assetIds: z.array(z.string().min(1)).min(1).max(500),
  optionName: z.string().trim().min(1),
  optionValue: z.string().trim().min(1),
  role: z.enum(linkRoles),
  /** Restrict to these products; all of the shop's otherwise. */
  productIds: z.array(z.string().min(1)).optional(),
});

const OPTION_ALIASES: Record<string, string[]> = {
  colour: ["colour", "color"],
  color: ["colour", "color"],
};

/** "Link these 12 images to every variant of colour Camel": one link per matching variant, across products. */
export async function linkAssetsByOption(
  shop: string,
  raw: unknown,
  actor: string | null = null,
): Promise<{ created: number; variants: number; products: number }> {
  const input = optionLinkInput.parse(raw);
  const names = OPTION_ALIASES[input.optionName.toLowerCase()] ?? [
    input.optionName.toLowerCase(),
  ];
  const value = input.optionValue.toLowerCase();
  const variants = await db.variant.findMany({
    where: {
      shop,
      ...(input.productIds ? { productId: { in: input.productIds } } : {}),
    },
    select: { id: true, productId: true, selectedOptions: true },
  });
  const byProduct = new Map<string, string[]>();
  for (const variant of variants) {
    const options = variant.selectedOptions as {
      name: string;
      value: string;
    }[];
    if (
      options.some(
        (o) =>
          names.includes(o.name.toLowerCase()) &&
          o.value.toLowerCase() === value,
      )
    )
      byProduct.set(variant.productId, [
        ...(byProduct.get(variant.productId) ?? []),
        variant.id,
      ]);
  }
  if (byProduct.size === 0)
    throw new Invalid(
      `No variant has ${input.optionName} “${input.optionValue}”.`,
      {
        optionValue: ["no variant matches"],
      },
    );
  return db.$transaction(async (tx) => {
    let created = 0;
    for (const [productId, variantIds] of byProduct)
      created += await createLinks(
        tx,
        shop,
        { assetIds: input.assetIds, productId, variantIds, role: input.role },
        actor,
      );
    if (created > 0) await announce(tx, shop, [...byProduct.keys()]);
    return {
      created,
      variants: [...byProduct.values()].reduce((n, ids) => n + ids.length, 0),
      products: byProduct.size,
    };
  });
}

/** Removes links; the storefront drops the images the product no longer uses. */
export async function unlink(shop: string, linkIds: string[]): Promise<number> {
  return db.$transaction(async (tx) => {
    const links = await tx.assetLink.findMany({
      where: { shop, id: { in: linkIds } },
      select: { id: true, productId: true },
    });
    if (links.length === 0) return 0;
    await tx.assetLink.deleteMany({
      where: { shop, id: { in: links.map((l) => l.id) } },
    });
    await announce(
      tx,
      shop,
      links.map((l) => l.productId),
    );
    return links.length;
  });
}

/** The default filename convention: `{SKU}_{role}_{n}.jpg`, e.g. `AW26-COAT-CAM-M_front_1.jpg`. */
export const DEFAULT_FILENAME_PATTERN =
  "^(?<sku>[A-Za-z0-9-]+)_(?<role>[a-z-]+)_(?<n>\\d+)\\.[A-Za-z0-9]+$";

const ROLE_WORDS: Record<string, LinkRole> = {
  front: "FRONT",
  back: "BACK",
  detail: "DETAIL",
  lifestyle: "LIFESTYLE",
  swatch: "SWATCH",
  "size-chart": "SIZE_CHART",
  sizechart: "SIZE_CHART",
  manual: "MANUAL",
  campaign: "CAMPAIGN",
};

export function parseLinkFilename(
  filename: string,
  pattern = DEFAULT_FILENAME_PATTERN,
): { sku: string; role: LinkRole; position: number } | null {
  // A merchant's pattern on a file name: linear time (RE2), however the pattern and the name were written.
  const groups = namedGroupsOf(pattern, filename);
  const sku = groups?.sku;
  const role = ROLE_WORDS[groups?.role?.toLowerCase() ?? ""];
  if (!sku || !role) return null;
  return { sku, role, position: Math.max(0, Number(groups?.n ?? 1) - 1) };
}

/**
 * Links an approved asset by its filename (`{SKU}_{role}_{n}`) when it has no links yet, inside the caller's
 * transaction and without announcing it (the approval being dispatched is the change). Returns the links made
 * (0 when the name does not follow the convention or the SKU is unknown).
 */
export async function autoLinkWithin(
  tx: Tx,
  shop: string,
  assetId: string,
  pattern = DEFAULT_FILENAME_PATTERN,
): Promise<number> {
  const asset = await tx.asset.findFirst({
    where: { shop, id: assetId, status: "APPROVED" },
    select: {
      currentVersion: { select: { filename: true } },
      _count: { select: { links: true } },
    },
  });
  if (!asset?.currentVersion || asset._count.links > 0) return 0;
  const parsed = parseLinkFilename(asset.currentVersion.filename, pattern);
  if (!parsed) return 0;
  const variant = await tx.variant.findFirst({
    where: { shop, sku: parsed.sku },
    select: { id: true, productId: true },
  });
  if (!variant) return 0;
  return createLinks(
    tx,
    shop,
    linkInput.parse({
      assetIds: [assetId],
      productId: variant.productId,
      variantIds: [variant.id],
      role: parsed.role,
    }),
    null,
  );
}
