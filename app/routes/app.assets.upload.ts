// POST /app/assets/upload[?assetId=] — one file per request (the drop zone sends each file on its own, so it can
// show per-file progress). The file part is streamed straight into ingest: never buffered whole in memory.
import {
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
} from "@remix-run/node";
import { z } from "zod";
import { addVersion, ingestUpload } from "~/dam/ingest.server";
import { actorOf, errorResponse } from "~/dam/route-helpers.server";
import { Invalid } from "~/lib/errors";
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
    if (!request.headers.get("content-type")?.startsWith("multipart/form-data"))
      throw new Invalid("send the file as multipart/form-data");
    let outcome: Outcome | undefined;
    await unstable_parseMultipartFormData(request, async (part) => {
      if (part.name !== "file" || !part.filename || outcome) {
        // Drain parts we do not use so the parser can move on.
        for await (const _chunk of part.data) void _chunk;
        return undefined;
      }
      if (assetId) {
        const { version } = await addVersion({
          shop,
          assetId,
          filename: part.filename,
          data: part.data,
          actor,
        });
        outcome = { status: "version", assetId, versionId: version.id };
      } else {
        const result = await ingestUpload({
          shop,
          filename: part.filename,
          data: part.data,
          actor,
        });
        outcome =
          "duplicateOf" in result
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
      }
      return "ok";
    });
    if (!outcome)
      throw new Invalid("no file in the upload", { file: ["choose a file"] });
    return Response.json(outcome, {
      status: outcome.status === "duplicate" ? 200 : 201,
    });
  } catch (error) {
    return errorResponse(error);
  }
};
