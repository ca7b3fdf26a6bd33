// The merchant resolves drift — a value of the PIM's edited or deleted in the Shopify admin:
// - accept: Shopify's value becomes the PIM's approved value (saved and approved like an edit, with history);
// - revert: Vitrine writes its approved value back (the storefront run overwrites Shopify's).
// Either way the product's storefront is converged and read back again.
import { Invalid } from "~/lib/errors";
import { listAttributes } from "~/pim/attributes.db.server";
import { forgetPublished } from "~/pim/publish.db.server";
import { approveProducts } from "~/pim/approval.db.server";
import { saveProductValues } from "~/pim/values.db.server";
import { closeDrift } from "./drift.db.server";
import { enqueuePairs } from "./pair-jobs.server";
import { variantIdOf } from "./pair-queries.db.server";
import { markDirty } from "./pair-state.db.server";

/** A metafield value as the PIM's form input (the inverse of publishing), for the types a merchant edits there. */
export function inputFromMetafield(
  type: string,
  value: string | null,
): string | string[] | null {
  if (value === null) return null;
  if (type === "multi_select") return JSON.parse(value) as string[];
  if (type === "measurement" || type === "rich_text")
    throw new Invalid(
      "This value cannot be taken over automatically: edit it on the product page, or revert Shopify's change.",
    );
  return value;
}

async function reconverge(shop: string, productId: string): Promise<void> {
  await enqueuePairs(
    await markDirty(shop, [{ productId, channel: "SHOPIFY_STOREFRONT" }]),
  );
}

/** Shopify's value becomes the approved PIM value. Throws `NotFound` (already resolved, other shop), `Invalid`. */
export async function acceptDrift(
  shop: string,
  driftId: string,
  actor: string | null,
): Promise<void> {
  const drift = await closeDrift(shop, driftId, "accepted");
  const attribute = (await listAttributes(shop)).find(
    (a) => a.key === drift.key,
  );
  if (!attribute)
    throw new Invalid(`The attribute “${drift.key}” no longer exists.`);
  const variantId = drift.owner?.includes("ProductVariant")
    ? await variantIdOf(shop, drift.owner)
    : null;
  await saveProductValues(
    shop,
    drift.productId,
    [
      {
        attributeKey: attribute.key,
        variantId,
        input: inputFromMetafield(attribute.type, drift.theirs),
      },
    ],
    actor,
  );
  await approveProducts(shop, [drift.productId], actor);
  await reconverge(shop, drift.productId);
}

/** Vitrine's approved value goes back to Shopify. Throws `NotFound` when already resolved or another shop's. */
export async function revertDrift(
  shop: string,
  driftId: string,
): Promise<void> {
  const drift = await closeDrift(shop, driftId, "reverted");
  if (drift.owner && drift.key)
    // Forgetting what we last wrote makes the next run write the approved value unconditionally.
    await forgetPublished(shop, [
      { ownerShopifyId: drift.owner, key: drift.key },
    ]);
  await reconverge(shop, drift.productId);
}
