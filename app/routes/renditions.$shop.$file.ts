// Public channel images: what Google's crawler and the marketplace fetch. The URL is signed (so only renditions
// we published are served) and versioned by content, so it is cached forever.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { shopDomain } from "~/lib/ids";
import { NotFound } from "~/lib/errors";
import { servedRendition } from "~/sync/renditions.db.server";
import { renditionSignatureValid } from "~/sync/urls.server";

const FILE = /^([a-z0-9]{64}\.[a-z0-9-]+\.v\d+)\.(jpg|png)$/;

export const loader = async ({ params, request }: LoaderFunctionArgs) => {
  const shop = shopDomain.safeParse(params.shop);
  const file = FILE.exec(params.file ?? "");
  const sig = new URL(request.url).searchParams.get("sig") ?? "";
  if (
    !shop.success ||
    !file ||
    !renditionSignatureValid(shop.data, params.file!, sig)
  )
    return new Response("Not Found", { status: 404 });
  try {
    const { bytes, mime } = await servedRendition(shop.data, file[1]!);
    return new Response(new Uint8Array(bytes), {
      headers: {
        "Content-Type": mime,
        "Content-Length": String(bytes.length),
        "Cache-Control": "public, max-age=31536000, immutable",
      },
    });
  } catch (error) {
    if (error instanceof NotFound)
      return new Response("Not Found", { status: 404 });
    throw error;
  }
};
