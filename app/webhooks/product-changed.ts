// products/create and products/update ask for the same thing: bring our mirror of the product up to date.
import type { z } from "zod";
import { productChangedPayload } from "./payloads";
import type { WebhookHandler } from "./receive.server";

export const productChangedHandler: WebhookHandler<
  z.infer<typeof productChangedPayload>
> = {
  payload: productChangedPayload,
  jobs: ({ shop, webhookId, payload }) => [
    {
      name: "product.refresh",
      payload: {
        shop,
        webhookId,
        productId: payload.admin_graphql_api_id,
        updatedAt: payload.updated_at ?? null,
      },
    },
  ],
};
