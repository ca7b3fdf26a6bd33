// fileCreate and fileDelete; stagedUploadsCreate (staged-uploads.ts) and fileUpdate (file-update.ts) are
// served from the same map. Processing states live in ../file-processing.ts.
import { createFile, replaceFileContent } from "../file-processing";
import {
  userError,
  type Args,
  type ResolverMap,
  type UserErrorShape,
} from "./context";
import { removeFromProducts } from "./file-references";
import {
  ALT_LIMIT,
  extensionOf,
  filenameOf,
  kindFor,
  validSource,
} from "./file-sources";
import { fileUpdateMutations } from "./file-update";
import { stagedMimeType, stagedUploadMutations } from "./staged-uploads";

export const fileMutations: ResolverMap["Mutation"] = {
  ...stagedUploadMutations,

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
  ...fileUpdateMutations,

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
