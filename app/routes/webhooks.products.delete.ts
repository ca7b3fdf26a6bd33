import type { ActionFunctionArgs } from "@remix-run/node";
import { toShopifyGid } from "~/lib/ids";
import { productDeletedPayload } from "~/webhooks/payloads";
import { receiveWebhook } from "~/webhooks/receive.server";

export const action = ({ request }: ActionFunctionArgs) =>
  receiveWebhook(request, {
    payload: productDeletedPayload,
    jobs: ({ shop, webhookId, payload }) => [
      {
        name: "product.remove",
        payload: {
          shop,
          webhookId,
          productId: toShopifyGid("Product", payload.id),
        },
      },
    ],
  });
