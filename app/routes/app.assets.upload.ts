// POST /app/assets/upload[?assetId=] — one file per request (the drop zone sends each file on its own, so it can
// show per-file progress). The file part is streamed straight into ingest (busboy, app/lib/multipart.server.ts):
// never buffered whole in memory. The HTTP server has already refused bodies over the upload limit.
import { json, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { addVersion, ingestUpload, maxUploadBytes } from "~/dam/ingest.server";
import { Invalid } from "~/lib/errors";
import { actionFailure, actorOf } from "~/lib/http.server";
import { readMultipart } from "~/lib/multipart.server";
import { authenticate } from "~/shopify.server";

const query = z.object({ assetId: z.string().min(1).max(40).optional() });

type Outcome =
  | {
      status: "created";
      assetId: string;
      versionId: string;
      nearDuplicateOf: string | null;
    }
  | { status: "duplicate"; assetId: string; title: string }
  | { status: "version"; assetId: string; versionId: string };

export const action = async ({ request }: ActionFunctionArgs) => {
  const auth = await authenticate.admin(request);
  const shop = auth.session.shop;
  const actor = actorOf(auth);
  try {
    const { assetId } = query.parse(
      Object.fromEntries(new URL(request.url).searchParams),
    );
    const { file: outcome } = await readMultipart(
      request,
      // One byte over the limit is enough for ingest's own size check to refuse it with its message.
      { field: "file", maxFileBytes: maxUploadBytes() + 1 },
      async ({ filename, stream }): Promise<Outcome> => {
        if (assetId) {
          const { version } = await addVersion({
            shop,
            assetId,
            filename,
            data: stream,
            actor,
          });
          return { status: "version", assetId, versionId: version.id };
        }
        const result = await ingestUpload({
          shop,
          filename,
          data: stream,
          actor,
        });
        return "duplicateOf" in result
          ? {
              status: "duplicate",
              assetId: result.duplicateOf.id,
              title: result.duplicateOf.title,
            }
          : {
              status: "created",
              assetId: result.asset.id,
              versionId: result.version.id,
              nearDuplicateOf: result.nearDuplicateOf,
            };
      },
    );
    if (!outcome)
      throw new Invalid("no file in the upload", { file: ["choose a file"] });
    return json(outcome, {
      status: outcome.status === "duplicate" ? 200 : 201,
    });
  } catch (error) {
    return actionFailure(error);
  }
};
