// A feed channel's feed (Google Merchant Center's RSS, the Meta catalogue's CSV), fetched by the channel on its
// schedule at /feeds/{slug}/{shop}.{extension}?token=…: the channel's current token, or the previous one during
// its grace period after a rotation. Rendered from the feed rows the worker keeps current.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { shopDomain } from "~/lib/ids";
import { feedTokenValid } from "~/sync/channels/channels.db.server";
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
  const token = new URL(request.url).searchParams.get("token") ?? "";
  if (!(await feedTokenValid(shop.data, served.kind, token))) return notFound();
  return new Response(await served.feed.render(shop.data), {
    headers: {
      "Content-Type": served.feed.contentType,
      "Cache-Control": "no-cache",
    },
  });
};
