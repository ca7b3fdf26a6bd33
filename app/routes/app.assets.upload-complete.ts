// POST /app/assets/upload-complete {uploadToken, parts: [{number, etag}]} — after the browser uploaded a file to
// the bucket: verifies the stored bytes and creates the asset (201), the new version (201) or answers the
// existing duplicate (200), like /app/assets/upload.
import { json, type ActionFunctionArgs } from "@remix-run/node";
import {
  completeDirectUpload,
  uploadCompletionSchema,
} from "~/dam/direct-upload.server";
import { actionFailure, actorOf, readJsonBody } from "~/lib/http.server";
import { authenticate } from "~/shopify.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const auth = await authenticate.admin(request);
  try {
    const completion = uploadCompletionSchema.parse(
      await readJsonBody(request),
    );
    const outcome = await completeDirectUpload({
      shop: auth.session.shop,
      actor: actorOf(auth),
      completion,
    });
    return json(outcome, {
      status: outcome.status === "duplicate" ? 200 : 201,
    });
  } catch (error) {
    return actionFailure(error);
  }
};
