// GET /dam/file?shop&key&expires&sig — an asset file (master or rendition) by a signed URL that an
// authenticated loader handed out (see dam/file-urls.server.ts). Content-addressed, so cacheable until expiry.
// With object storage the answer is a redirect to a short-lived presigned URL of the bucket: the bytes never
// pass through the web process.
import { Readable } from "node:stream";
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { verifyFileUrl } from "~/dam/file-urls.server";
import { getStorage } from "~/dam/storage.server";
import { env } from "~/env.server";
import { loaderFailure } from "~/lib/http.server";

const contentTypes: Record<string, string> = {
  webp: "image/webp",
  jpeg: "image/jpeg",
  jpg: "image/jpeg",
  png: "image/png",
  // A video's muted preview clip (stills.server.ts), for the asset page's player.
  mp4: "video/mp4",
};

export const loader = async ({ request }: LoaderFunctionArgs) => {
  try {
    const file = verifyFileUrl(new URL(request.url).searchParams);
    const extension = file.key.split(".").pop() ?? "";
    // Masters may be SVG: anything but our own raster renditions is sent as an opaque download type, so it can
    // never run as a document (on our origin, or the bucket's).
    const contentType = file.download
      ? "application/octet-stream"
      : (contentTypes[extension] ?? "application/octet-stream");
    const storage = getStorage();
    if (storage.direct) {
      const location = await storage.direct.presignGet(file.key, {
        download: file.download || undefined,
        contentType,
      });
      // Cached for less than the presigned URL lives, so a cached redirect never points at an expired URL.
      const maxAge = Math.floor(env().STORAGE_URL_TTL_SECONDS / 2);
      return redirect(location, {
        headers: { "Cache-Control": `private, max-age=${maxAge}` },
      });
    }
    const stream = await storage.stream(file.key);
    const headers = new Headers({
      "Content-Type": contentType,
      "Cache-Control": "private, max-age=3600",
      "X-Content-Type-Options": "nosniff",
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
