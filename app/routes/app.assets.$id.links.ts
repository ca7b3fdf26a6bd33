// The asset page's link form: link the asset to a product or variants picked with Shopify's resource picker, to a
// product by handle or SKU (or its variants of one option value), to every variant with an option value, or
// remove a link. The storefront and channels follow through the outbox (the use case hands it the rows).
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  actionFailure,
  actorOf,
  parseForm,
  readForm,
  requireParam,
} from "~/lib/http.server";
import {
  assetPageLinkInput,
  linkFromAssetPage,
} from "~/sync/asset-page-links.server";
import { authenticate } from "~/shopify.server";

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const auth = await authenticate.admin(request);
  const assetId = requireParam(params, "id");
  const form = await readForm(request);
  try {
    const result = await linkFromAssetPage(
      auth.session.shop,
      assetId,
      await parseForm(form, assetPageLinkInput),
      actorOf(auth),
    );
    return json({ ok: true as const, ...result });
  } catch (error) {
    return actionFailure(error, form);
  }
};
