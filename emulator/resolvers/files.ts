// stagedUploadsCreate, fileCreate, fileUpdate (in-place replacement), fileDelete.
import { createHmac, randomUUID } from "node:crypto";
import { GraphQLError } from "graphql";
import {
  createFile,
  replaceFileContent,
  uniqueFilename,
} from "../file-processing";
import { STAGED_UPLOADS_HOST } from "../hosts";
import type { FileKind, FileRecord } from "../state";
import {
  userError,
  type Args,
  type ResolverContext,
  type ResolverMap,
  type UserErrorShape,
} from "./context";

const ALT_LIMIT = 512;
const IMAGE_EXTENSIONS = [
  "jpg",
  "jpeg",
  "png",
  "gif",
  "webp",
  "avif",
  "heic",
  "heif",
];
const VIDEO_EXTENSIONS = ["mp4", "mov", "webm"];
const MODEL_EXTENSIONS = ["glb", "usdz"];

export function extensionOf(name: string): string {
  const clean = name.split("?")[0]!.split("/").pop() ?? "";
  const dot = clean.lastIndexOf(".");
  return dot > 0 ? clean.slice(dot + 1).toLowerCase() : "";
}

function filenameOf(source: string): string {
  try {
    return decodeURIComponent(
      new URL(source).pathname.split("/").pop() ?? "file",
    );
  } catch {
    return "file";
  }
}

export function kindFor(
  contentType: string | undefined,
  source: string,
): FileKind {
  if (contentType === "IMAGE") return "MediaImage";
  if (contentType === "VIDEO") return "Video";
  if (contentType === "MODEL_3D") return "Model3d";
  if (contentType === "FILE") return "GenericFile";
  if (contentType === "EXTERNAL_VIDEO")
    throw new GraphQLError(
      "The store emulator does not implement external (YouTube/Vimeo) videos",
      { extensions: { code: "EMULATOR_NOT_IMPLEMENTED" } },
    );
  const extension = extensionOf(source);
  if (IMAGE_EXTENSIONS.includes(extension)) return "MediaImage";
  if (VIDEO_EXTENSIONS.includes(extension)) return "Video";
  if (MODEL_EXTENSIONS.includes(extension)) return "Model3d";
  return "GenericFile";
}

/** The signature of a staged target: the upload endpoint accepts only what stagedUploadsCreate issued. */
export function stagedSignature(secret: string, key: string): string {
  return createHmac("sha256", secret).update(`staged:${key}`).digest("hex");
}

function stagedMimeType(ctx: ResolverContext, source: string): string | null {
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

function validSource(source: string): boolean {
  try {
    return ["https:", "http:"].includes(new URL(source).protocol);
  } catch {
    return false;
  }
}

function removeFromProducts(
  ctx: ResolverContext,
  file: FileRecord,
  productIds: string[],
): void {
  for (const productId of productIds) {
    const product = ctx.shop.products.get(productId);
    if (!product) continue;
    product.mediaIds = product.mediaIds.filter((id) => id !== file.id);
    // "Removing file-product associations … clears the image from any product variants that were using it."
    for (const variantId of product.variantIds) {
      const variant = ctx.shop.variants.get(variantId)!;
      variant.mediaIds = variant.mediaIds.filter((id) => id !== file.id);
    }
  }
  file.productIds = file.productIds.filter((id) => !productIds.includes(id));
}

export function attachToProduct(
  ctx: ResolverContext,
  file: FileRecord,
  productId: string,
): void {
  const product = ctx.shop.products.get(productId)!;
  if (!product.mediaIds.includes(file.id)) product.mediaIds.push(file.id);
  if (!file.productIds.includes(productId)) file.productIds.push(productId);
}

export const fileMutations: ResolverMap["Mutation"] = {
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

  fileCreate: (_root, args: Args, ctx) => {
    const inputs = args.files as {
      originalSource: string;
      alt?: string;
      contentType?: string;
      filename?: string;
      duplicateResolutionMode?: string;
    }[];
    const userErrors: UserErrorShape[] = [];
    const existingNames = new Map(
      [...ctx.shop.files.values()].map((f) => [f.filename, f]),
    );
    inputs.forEach((input, index) => {
      const at = (field: string) => ["files", String(index), field];
      if (!validSource(input.originalSource))
        userErrors.push(
          userError(
            at("originalSource"),
            "Invalid image source url value provided.",
            "INVALID_IMAGE_SOURCE_URL",
          ),
        );
      if ((input.alt ?? "").length > ALT_LIMIT)
        userErrors.push(
          userError(
            at("alt"),
            `Alt value exceeds ${ALT_LIMIT} characters.`,
            "ALT_VALUE_LIMIT_EXCEEDED",
          ),
        );
      if (
        input.filename &&
        extensionOf(input.filename) !==
          extensionOf(filenameOf(input.originalSource))
      ) {
        userErrors.push(
          userError(
            at("filename"),
            "Cannot create file with custom filename which does not match original source extension.",
            "MISMATCHED_FILENAME_AND_ORIGINAL_SOURCE",
          ),
        );
      }
      const mode = input.duplicateResolutionMode ?? "APPEND_UUID";
      if (mode === "REPLACE" && !input.filename) {
        userErrors.push(
          userError(
            at("filename"),
            "A filename is required when the duplicate resolution mode is REPLACE.",
            "MISSING_FILENAME_FOR_DUPLICATE_MODE_REPLACE",
          ),
        );
      }
      if (
        mode === "RAISE_ERROR" &&
        existingNames.has(input.filename ?? filenameOf(input.originalSource))
      ) {
        userErrors.push(
          userError(
            at("filename"),
            "A file with this name already exists.",
            "FILENAME_ALREADY_EXISTS",
          ),
        );
      }
    });
    if (userErrors.length) return { files: null, userErrors };

    const files = inputs.map((input) => {
      const filename = input.filename ?? filenameOf(input.originalSource);
      const existing = existingNames.get(filename);
      if (input.duplicateResolutionMode === "REPLACE" && existing) {
        replaceFileContent(
          ctx.emulator,
          ctx.domain,
          existing,
          input.originalSource,
          ctx.now,
        );
        return existing;
      }
      const file = createFile(ctx.emulator, ctx.domain, {
        source: input.originalSource,
        filename,
        alt: input.alt ?? "",
        kind: kindFor(input.contentType, input.originalSource),
        now: ctx.now,
      });
      file.pendingMimeType = stagedMimeType(ctx, input.originalSource);
      return file;
    });
    return { files, userErrors: [] };
  },

  fileUpdate: (_root, args: Args, ctx) => {
    const inputs = args.files as {
      id: string;
      alt?: string;
      filename?: string;
      originalSource?: string;
      previewImageSource?: string;
      referencesToAdd?: string[];
      referencesToRemove?: string[];
    }[];
    const userErrors: UserErrorShape[] = [];
    inputs.forEach((input, index) => {
      const at = (field: string) => ["files", String(index), field];
      const file = ctx.shop.files.get(input.id);
      if (!file)
        return userErrors.push(
          userError(at("id"), "File does not exist.", "FILE_DOES_NOT_EXIST"),
        );
      if (input.originalSource && input.previewImageSource) {
        userErrors.push(
          userError(
            at("originalSource"),
            "Cannot update both originalSource and previewImageSource.",
            "TOO_MANY_ARGUMENTS",
          ),
        );
      }
      const changesContent = Boolean(
        input.originalSource || input.previewImageSource || input.filename,
      );
      if (changesContent || input.referencesToAdd || input.referencesToRemove) {
        // "Files must be in ready state before they can be updated"; a file being processed is locked.
        if (file.status === "UPLOADED" || file.status === "PROCESSING")
          userErrors.push(
            userError(at("id"), "File has a pending operation.", "FILE_LOCKED"),
          );
        else if (file.status === "FAILED")
          userErrors.push(
            userError(
              at("id"),
              "File cannot be updated in a failed state.",
              "INVALID_FAILED_MEDIA_STATE",
            ),
          );
      }
      // "Videos and 3D models: Update alt text and product references" — no new source, preview or filename.
      const videoOrModel = file.kind === "Video" || file.kind === "Model3d";
      if (videoOrModel && (input.originalSource || input.previewImageSource))
        userErrors.push(
          userError(
            at(input.originalSource ? "originalSource" : "previewImageSource"),
            "Only the alt text and product references of videos and 3D models can be updated.",
            "INVALID",
          ),
        );
      if (videoOrModel && input.filename)
        userErrors.push(
          userError(
            at("filename"),
            "Filename update is only supported on Image and GenericFile.",
            "UNSUPPORTED_MEDIA_TYPE_FOR_FILENAME_UPDATE",
          ),
        );
      if (input.originalSource) {
        if (!validSource(input.originalSource))
          userErrors.push(
            userError(
              at("originalSource"),
              "Invalid image source url value provided.",
              "INVALID_IMAGE_SOURCE_URL",
            ),
          );
        // "Filename: Modify file names (extension must match the original)" — and so must a replacement.
        if (
          extensionOf(filenameOf(input.originalSource)) !==
          extensionOf(file.filename)
        ) {
          userErrors.push(
            userError(
              at("originalSource"),
              "Invalid filename extension.",
              "INVALID_FILENAME_EXTENSION",
            ),
          );
        }
      }
      if (
        input.filename &&
        extensionOf(input.filename) !== extensionOf(file.filename)
      ) {
        userErrors.push(
          userError(
            at("filename"),
            "Invalid filename extension.",
            "INVALID_FILENAME_EXTENSION",
          ),
        );
      }
      if ((input.alt ?? "").length > ALT_LIMIT)
        userErrors.push(
          userError(
            at("alt"),
            `Alt value exceeds ${ALT_LIMIT} characters.`,
            "ALT_VALUE_LIMIT_EXCEEDED",
          ),
        );
      for (const productId of [
        ...(input.referencesToAdd ?? []),
        ...(input.referencesToRemove ?? []),
      ]) {
        if (!ctx.shop.products.has(productId))
          userErrors.push(
            userError(
              at("referencesToAdd"),
              `Reference target ${productId} does not exist.`,
              "REFERENCE_TARGET_DOES_NOT_EXIST",
            ),
          );
      }
      return undefined;
    });
    if (userErrors.length) return { files: null, userErrors };

    const touched: string[] = [];
    const files = inputs.map((input) => {
      const file = ctx.shop.files.get(input.id)!;
      if (input.alt !== undefined) file.alt = input.alt;
      if (input.filename)
        file.filename = uniqueFilename(ctx.shop, input.filename);
      for (const productId of input.referencesToAdd ?? [])
        attachToProduct(ctx, file, productId);
      if (input.referencesToRemove)
        removeFromProducts(ctx, file, input.referencesToRemove);
      touched.push(
        ...(input.referencesToAdd ?? []),
        ...(input.referencesToRemove ?? []),
        ...file.productIds,
      );
      const source = input.originalSource ?? input.previewImageSource;
      if (source)
        replaceFileContent(ctx.emulator, ctx.domain, file, source, ctx.now);
      file.updatedAt = ctx.now;
      return file;
    });
    ctx.emulator.productsChanged(ctx.domain, touched, ctx.now);
    return { files, userErrors: [] };
  },

  fileDelete: (_root, args: Args, ctx) => {
    const ids = args.fileIds as string[];
    const missing = ids.filter((id) => !ctx.shop.files.has(id));
    if (missing.length) {
      return {
        deletedFileIds: null,
        userErrors: missing.map((id) =>
          userError(
            ["fileIds"],
            `File id ${id} does not exist.`,
            "FILE_DOES_NOT_EXIST",
          ),
        ),
      };
    }
    const touched: string[] = [];
    for (const id of ids) {
      const file = ctx.shop.files.get(id)!;
      touched.push(...file.productIds);
      removeFromProducts(ctx, file, [...file.productIds]);
      ctx.shop.files.delete(id);
    }
    ctx.emulator.productsChanged(ctx.domain, touched, ctx.now);
    return { deletedFileIds: ids, userErrors: [] };
  },
};
