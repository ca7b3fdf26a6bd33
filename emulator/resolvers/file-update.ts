// fileUpdate: alt text, filename, product references and in-place content replacement (same id, same URL
// path), with Shopify's rules on what each file kind and state allows.
import { replaceFileContent, uniqueFilename } from "../file-processing";
import {
  userError,
  type Args,
  type ResolverMap,
  type UserErrorShape,
} from "./context";
import { attachToProduct, removeFromProducts } from "./file-references";
import {
  ALT_LIMIT,
  extensionOf,
  filenameOf,
  validSource,
} from "./file-sources";

export const fileUpdateMutations: ResolverMap["Mutation"] = {
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
};
