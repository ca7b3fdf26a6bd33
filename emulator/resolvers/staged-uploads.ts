// stagedUploadsCreate: signed targets the app uploads to before fileCreate, and what the upload endpoint
// checks (the signature) and remembers (the MIME type the file was declared with).
import { createHmac, randomUUID } from "node:crypto";
import { STAGED_UPLOADS_HOST } from "../hosts";
import {
  userError,
  type Args,
  type ResolverContext,
  type ResolverMap,
  type UserErrorShape,
} from "./context";

/** The signature of a staged target: the upload endpoint accepts only what stagedUploadsCreate issued. */
export function stagedSignature(secret: string, key: string): string {
  return createHmac("sha256", secret).update(`staged:${key}`).digest("hex");
}

/** The MIME type a staged upload was declared with, when `source` is one. */
export function stagedMimeType(
  ctx: ResolverContext,
  source: string,
): string | null {
  try {
    const url = new URL(source);
    if (url.hostname !== STAGED_UPLOADS_HOST) return null;
    return (
      ctx.shop.stagedUploads.get(decodeURIComponent(url.pathname.slice(1)))
        ?.mimeType ?? null
    );
  } catch {
    return null;
  }
}

export const stagedUploadMutations: ResolverMap["Mutation"] = {
  stagedUploadsCreate: (_root, args: Args, ctx) => {
    const inputs = args.input as {
      filename: string;
      mimeType: string;
      resource: string;
      httpMethod?: string;
      fileSize?: string;
    }[];
    const userErrors: UserErrorShape[] = [];
    const stagedTargets = inputs.map((input, index) => {
      if (
        (input.resource === "VIDEO" || input.resource === "MODEL_3D") &&
        !input.fileSize
      ) {
        userErrors.push(
          userError(
            ["input", String(index), "fileSize"],
            "File size is required for videos and 3D models.",
          ),
        );
      }
      // Bulk mutation variables go to tmp/{shop}/bulk/{uuid}/{filename}: that path is the stagedUploadPath.
      const folder =
        input.resource === "BULK_MUTATION_VARIABLES"
          ? "bulk"
          : `${input.resource.toLowerCase()}s`;
      const key = `tmp/${ctx.emulator.shopNumber(ctx.domain)}/${folder}/${randomUUID()}/${input.filename}`;
      ctx.shop.stagedUploads.set(key, {
        key,
        filename: input.filename,
        mimeType: input.mimeType,
        resource: input.resource,
        fileSize: input.fileSize ? Number(input.fileSize) : null,
        blobKey: null,
      });
      const signature = stagedSignature(ctx.emulator.apiSecret, key);
      const resourceUrl = `https://${STAGED_UPLOADS_HOST}/${key}`;
      const date = ctx.now.replace(/[-:]/g, "").replace(/\.\d+/, "");
      const credential = `merchant-assets@shopify-tiers.iam.gserviceaccount.com/${date.slice(0, 8)}/auto/storage/goog4_request`;
      if ((input.httpMethod ?? "PUT") === "POST") {
        return {
          url: `https://${STAGED_UPLOADS_HOST}/`,
          resourceUrl,
          parameters: [
            { name: "Content-Type", value: input.mimeType },
            { name: "success_action_status", value: "201" },
            { name: "acl", value: "private" },
            { name: "key", value: key },
            { name: "x-goog-date", value: date },
            { name: "x-goog-credential", value: credential },
            { name: "x-goog-algorithm", value: "GOOG4-RSA-SHA256" },
            { name: "x-goog-signature", value: signature },
            {
              name: "policy",
              value: Buffer.from(
                JSON.stringify({ key, contentType: input.mimeType }),
              ).toString("base64"),
            },
          ],
        };
      }
      const url = new URL(resourceUrl);
      url.searchParams.set("X-Goog-Algorithm", "GOOG4-RSA-SHA256");
      url.searchParams.set("X-Goog-Credential", credential);
      url.searchParams.set("X-Goog-Date", date);
      url.searchParams.set("X-Goog-Expires", "604800");
      url.searchParams.set("X-Goog-SignedHeaders", "content-type;host");
      url.searchParams.set("X-Goog-Signature", signature);
      return {
        url: url.toString(),
        resourceUrl,
        parameters: [
          { name: "content_type", value: input.mimeType },
          { name: "acl", value: "private" },
        ],
      };
    });
    return {
      stagedTargets: userErrors.length ? null : stagedTargets,
      userErrors,
    };
  },
};
