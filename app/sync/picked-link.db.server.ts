// Linking by picking: the asset page opens Shopify's resource picker and sends what the merchant picked (a
// product's GID and, when they picked some, its variants' GIDs). Resolved against the shop's catalogue mirror.
import { z } from "zod";
import db from "~/db.server";
import { Invalid } from "~/lib/errors";
import { linkRoles } from "./link-roles";
import { linkAssets } from "./links.db.server";

const gid = (type: string) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^gid://shopify/${type}/\\d+$`), {
      message: `Pick a ${type === "Product" ? "product" : "variant"} from the list.`,
    });

export const pickedLinkInput = z.object({
  intent: z.literal("link-picked"),
  productGid: gid("Product"),
  /** The variants picked; none or all of them: the whole product. */
  variantGids: z
    .union([gid("ProductVariant"), z.array(gid("ProductVariant")).max(2000)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
  role: z.enum(linkRoles, { message: "Choose a role for the image." }),
});
export type PickedLinkInput = z.infer<typeof pickedLinkInput>;

/**
 * Links the asset to the picked product, or to the picked variants when only some were picked. Idempotent (an
 * existing link is kept). Throws Invalid when the product or a variant is not in the shop's catalogue yet.
 */
export async function linkPicked(
  shop: string,
  assetId: string,
  input: PickedLinkInput,
  actor: string | null,
): Promise<{ created: number; variants: number }> {
  const product = await db.product.findFirst({
    where: { shop, shopifyId: input.productGid },
    select: { id: true, variants: { select: { id: true, shopifyId: true } } },
  });
  if (!product)
    throw new Invalid(
      "This product is not in Vitrine yet: import the catalogue again, then pick it.",
      { productGid: ["not imported yet"] },
    );
  const picked = product.variants.filter((v) =>
    input.variantGids.includes(v.shopifyId),
  );
  if (picked.length !== new Set(input.variantGids).size)
    throw new Invalid("Some picked variants are not in Vitrine yet.", {
      variantGids: ["not imported yet"],
    });
  const whole =
    picked.length === 0 || picked.length === product.variants.length;
  const { created } = await linkAssets(
    shop,
    {
      assetIds: [assetId],
      productId: product.id,
      variantIds: whole ? [] : picked.map((v) => v.id),
      role: input.role,
    },
    actor,
  );
  return { created, variants: whole ? product.variants.length : picked.length };
}
