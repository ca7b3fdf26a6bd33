// The product page's "Changed in Shopify" card: accept Shopify's value (it becomes the approved PIM value, with
// history) or revert it (Vitrine writes its approved value back). The storefront follows through the sync engine.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import {
  actionFailure,
  actorOf,
  parseForm,
  requireParam,
} from "~/lib/http.server";
import { authenticate } from "~/shopify.server";
import { acceptDrift, revertDrift } from "~/sync/drift-resolution.server";

const driftAction = z.object({
  intent: z.enum(["accept", "revert"], {
    message: "Choose to keep Shopify's value or to restore yours.",
  }),
  driftId: z.string().min(1).max(40),
});

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const auth = await authenticate.admin(request);
  requireParam(params, "id");
  try {
    const input = await parseForm(request, driftAction);
    if (input.intent === "accept")
      await acceptDrift(auth.session.shop, input.driftId, actorOf(auth));
    else await revertDrift(auth.session.shop, input.driftId);
    return json({ ok: true as const, intent: input.intent });
  } catch (error) {
    return actionFailure(error);
  }
};
