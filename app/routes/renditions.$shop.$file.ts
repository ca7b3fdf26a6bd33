// Public channel images: what Google's crawler and the marketplace fetch. The URL is signed (so only renditions
// we published are served) and versioned by content, so it is cached forever. With object storage the answer is
// a redirect to the CDN (STORAGE_CDN_URL) or to a short-lived presigned URL of the bucket.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { renditionFile } from "~/dam/rendition-files.db.server";
import { getStorage } from "~/dam/storage.server";
import { env } from "~/env.server";
import { shopDomain } from "~/lib/ids";
import { NotFound } from "~/lib/errors";
import { servedRendition } from "~/sync/renditions.server";
import { renditionSignatureValid } from "~/sync/urls.server";

const FILE = /^([a-z0-9]{64}\.[a-z0-9-]+\.v\d+)\.(jpg|png)$/;

async function redirectToStorage(shop: string, key: string) {
  const direct = getStorage().direct!;
  const file = await renditionFile(shop, key);
  const cdn = direct.publicUrl(file.storageKey);
  // The CDN URL is as immutable as ours; a presigned one expires, so its redirect is cached for less.
  if (cdn)
    return redirect(cdn, {
      status: 301,
      headers: { "Cache-Control": "public, max-age=31536000, immutable" },
    });
  const location = await direct.presignGet(file.storageKey, {
    contentType: file.mime,
  });
  const maxAge = Math.floor(env().STORAGE_URL_TTL_SECONDS / 2);
  return redirect(location, {
    headers: { "Cache-Control": `public, max-age=${maxAge}` },
  });
}

export const loader = async ({ params, request }: LoaderFunctionArgs) => {
  const shop = shopDomain.safeParse(params.shop);
  const file = FILE.exec(params.file ?? "");
  const query = new URL(request.url).searchParams;
  const sig = query.get("sig") ?? "";
  if (
    !shop.success ||
    !file ||
    !renditionSignatureValid(shop.data, params.file!, sig, query.get("kid"))
  )
    return new Response("Not Found", { status: 404 });
  try {
    if (getStorage().direct)
      return await redirectToStorage(shop.data, file[1]!);
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
