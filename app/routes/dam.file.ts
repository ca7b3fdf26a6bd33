// GET /dam/file?shop&key&expires&sig — an asset file (master or rendition) by a signed URL that an
// authenticated loader handed out (see dam/file-urls.server.ts). Content-addressed, so cacheable until expiry.
import { Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { verifyFileUrl } from "~/dam/file-urls.server";
import { getStorage } from "~/dam/storage.server";
import { loaderFailure } from "~/lib/http.server";

const contentTypes: Record<string, string> = {
  webp: "image/webp",
  jpeg: "image/jpeg",
  jpg: "image/jpeg",
  png: "image/png",
};

export const loader = async ({ request }: LoaderFunctionArgs) => {
  try {
    const file = verifyFileUrl(new URL(request.url).searchParams);
    const stream = await getStorage().stream(file.key);
    const extension = file.key.split(".").pop() ?? "";
    const headers = new Headers({
      "Content-Type": file.download
        ? "application/octet-stream"
        : (contentTypes[extension] ?? "application/octet-stream"),
      "Cache-Control": "private, max-age=3600",
      "X-Content-Type-Options": "nosniff",
      // Masters may be SVG: never let one run as a document of our origin.
      "Content-Security-Policy":
        "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    });
    if (file.download)
      headers.set(
        "Content-Disposition",
        `attachment; filename*=UTF-8''${encodeURIComponent(file.download)}`,
      );
    return new Response(Readable.toWeb(stream) as ReadableStream, { headers });
  } catch (error) {
    return loaderFailure(error);
  }
};
