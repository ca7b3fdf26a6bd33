// POST /app/assets/upload-url {filename, bytes, assetId?} — with object storage: presigned URLs the browser
// uploads the file to directly (one PUT, or one per part), and the token that completes it
// (/app/assets/upload-complete). 400 when storage is a local folder: the file then goes to /app/assets/upload.
import { json, type ActionFunctionArgs } from "@remix-run/node";
import {
  planDirectUpload,
  uploadRequestSchema,
} from "~/dam/direct-upload.server";
import { actionFailure, readJsonBody } from "~/lib/http.server";
import { authenticate } from "~/shopify.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  try {
    const input = uploadRequestSchema.parse(await readJsonBody(request));
    return json(await planDirectUpload(session.shop, input), {
      headers: { "Cache-Control": "no-store" },
    });
  } catch (error) {
    return actionFailure(error);
  }
};
