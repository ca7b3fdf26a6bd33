// Families as the settings page changes them: a saved family applies to the catalogue at once.
import {
  assignFamilies,
  saveFamily,
  type FamilyView,
} from "./attributes.db.server";
import type { FamilyInput } from "./attributes.schema";
import { recomputeAllCompleteness } from "./completeness.db.server";

/**
 * Creates or replaces the family named `input.name`, gives it to every product without a family that it matches,
 * and recomputes completeness (its required attributes changed). Idempotent. Throws `Invalid` with field errors.
 */
export async function saveFamilyAndReassign(
  shop: string,
  input: FamilyInput,
): Promise<FamilyView> {
  const family = await saveFamily(shop, input);
  await assignFamilies(shop);
  await recomputeAllCompleteness(shop);
  return family;
}
