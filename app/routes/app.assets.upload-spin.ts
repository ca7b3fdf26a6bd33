// POST /app/assets/upload-spin?folder={name}[&assetId=] — a 360° spin as a folder of frames (the drop zone's
// "Upload a spin folder", `webkitdirectory`): every `frame` part of the form, in one request. The frames are
// streamed into a ZIP on the fly (zip-stream.server.ts) and ingested exactly like an uploaded spin ZIP, so the
// same limits, ordering by name and checks apply (dam/spin.server.ts). Nothing is buffered whole in memory.
import { json, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { addVersion, ingestUpload } from "~/dam/ingest.server";
import { SPIN_LIMITS } from "~/dam/spin.server";
import { Invalid } from "~/lib/errors";
import { actionFailure, actorOf } from "~/lib/http.server";
import { readMultipartFiles } from "~/lib/multipart-files.server";
import { ZipStream } from "~/lib/zip-stream.server";
import { authenticate } from "~/shopify.server";

const query = z.object({
  folder: z.string().trim().min(1).max(200),
  assetId: z.string().min(1).max(40).optional(),
});

export const action = async ({ request }: ActionFunctionArgs) => {
  const auth = await authenticate.admin(request);
  const shop = auth.session.shop;
  const actor = actorOf(auth);
  try {
    const { folder, assetId } = query.parse(
      Object.fromEntries(new URL(request.url).searchParams),
    );
    const zip = new ZipStream();
    const upload = {
      shop,
      filename: `${folder.replace(/[/\\]/g, " ")}.zip`,
      data: zip.output,
      actor,
    };
    const ingested = assetId
      ? addVersion({ ...upload, assetId })
      : ingestUpload(upload);
    // A refusal by ingest (a frame too large) stops the reading of the form; a broken form stops ingest.
    ingested.catch(() => zip.output.destroy());
    try {
      const frames = await readMultipartFiles(
        request,
        {
          field: "frame",
          maxFiles: SPIN_LIMITS.maxFrames,
          tooMany: `a 360° spin has at most ${SPIN_LIMITS.maxFrames} frames`,
          maxFileBytes: SPIN_LIMITS.frameBytes + 1,
        },
        ({ filename, stream }) =>
          zip.add(filename.split(/[/\\]/).pop() || "frame", stream),
      );
      if (frames === 0)
        throw new Invalid("no frames in the upload", {
          frame: ["choose a folder of frames"],
        });
      await zip.finish();
    } catch (error) {
      zip.output.destroy();
      // Ingest's own refusal (a frame over the limit) says more than "the archive's reader stopped reading".
      const refusal = await ingested.then(
        () => null,
        (e: unknown) => e,
      );
      throw refusal instanceof Invalid ? refusal : error;
    }
    const result = await ingested;
    if ("duplicateOf" in result)
      return json({
        status: "duplicate",
        assetId: result.duplicateOf.id,
        title: result.duplicateOf.title,
      });
    return json(
      assetId
        ? { status: "version", assetId, versionId: result.version.id }
        : {
            status: "created",
            assetId: result.version.assetId,
            versionId: result.version.id,
          },
      { status: 201 },
    );
  } catch (error) {
    return actionFailure(error);
  }
};
