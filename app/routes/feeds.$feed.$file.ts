// A feed channel's feed (Google Merchant Center's RSS, the Meta catalogue's CSV), fetched by the channel on its
// schedule at /feeds/{slug}/{shop}.{extension}?token=…: the channel's current token, or the previous one during
// its grace period after a rotation. Rendered from the feed rows the worker keeps current.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { shopDomain } from "~/lib/ids";
import { feedTokenValid } from "~/sync/channels/channels.db.server";
import {
  localisedFeedQuery,
  renderLocalisedGoogleFeed,
} from "~/sync/channels/google-locales.server";
import { feedBySlug } from "~/sync/channels/registry.server";
import { findShop } from "~/shop/shop.db.server";

const notFound = () => new Response("Not Found", { status: 404 });

export const loader = async ({ params, request }: LoaderFunctionArgs) => {
  const served = feedBySlug(params.feed ?? "");
  const suffix = `.${served?.feed.extension}`;
  if (!served || !params.file?.endsWith(suffix)) return notFound();
  const shop = shopDomain.safeParse(params.file.slice(0, -suffix.length));
  // An uninstalled shop's products must leave the channel: its feed is gone until the shop installs again.
  if (!shop.success || (await findShop(shop.data))?.status !== "INSTALLED")
    return notFound();
  const query = new URL(request.url).searchParams;
  if (!(await feedTokenValid(shop.data, served.kind, query.get("token") ?? "")))
    return notFound();
  const headers = {
    "Content-Type": served.feed.contentType,
    "Cache-Control": "no-cache",
  };
  // Google takes one feed per target country × language (issue #15): ?country=FR&language=fr.
  if (
    served.kind === "GOOGLE_MERCHANT" &&
    (query.has("language") || query.has("country"))
  ) {
    const target = localisedFeedQuery.safeParse({
      language: query.get("language"),
      country: query.get("country"),
    });
    if (!target.success)
      return new Response(
        "Bad Request: give both language (e.g. fr) and country (e.g. FR)",
        { status: 400 },
      );
    const xml = await renderLocalisedGoogleFeed(shop.data, target.data);
    return xml === null ? notFound() : new Response(xml, { headers });
  }
  return new Response(await served.feed.render(shop.data), { headers });
};
