// The parts of Shopify's webhook payloads we use (API version 2026-10). Unknown keys are ignored.
import { z } from "zod";

export const anyPayload = z.object({});

export const productChangedPayload = z.object({
  admin_graphql_api_id: z.string().regex(/^gid:\/\/shopify\/Product\/\d+$/),
  updated_at: z.iso.datetime({ offset: true }).nullable().optional(),
});

/** products/delete carries only the numeric id. */
export const productDeletedPayload = z.object({
  id: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
});

export const scopesUpdatePayload = z.object({ current: z.array(z.string()) });

/** shop/redact must name the shop it erases (checked against the delivery's shop by receiveWebhook). */
export const shopRedactPayload = z.object({
  shop_domain: z.string().min(1),
});
