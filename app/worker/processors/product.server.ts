import type { Processor } from "../processor";

// The product mirror arrives with the PIM (issue #5); until then these jobs only prove the webhook → Redis →
// worker path and record that the change was seen.
export const refreshProductProcessor: Processor<"product.refresh"> = async (
  payload,
  { log },
) => {
  log.info(
    { shop: payload.shop, productId: payload.productId },
    "product changed",
  );
  return { seen: payload.productId };
};

export const removeProductProcessor: Processor<"product.remove"> = async (
  payload,
  { log },
) => {
  log.info(
    { shop: payload.shop, productId: payload.productId },
    "product deleted",
  );
  return { seen: payload.productId };
};
