// The fields of files and media (MediaImage, GenericFile and the Image they show): status, errors, content
// type and CDN URLs. Video and Model3d add theirs in media.ts.
import { recordsOf } from "../connection";
import type { FileRecord } from "../state";
import type { Args, ResolverContext, ResolverMap } from "./context";

/** A product's or variant's media, in order (ids without a file are skipped). */
export function mediaFiles(ctx: ResolverContext, ids: string[]): FileRecord[] {
  return recordsOf(ids, ctx.shop.files);
}

export function mediaContentType(file: FileRecord): string {
  return file.kind === "MediaImage"
    ? "IMAGE"
    : file.kind === "Video"
      ? "VIDEO"
      : file.kind === "Model3d"
        ? "MODEL_3D"
        : "FILE";
}

export function imageView(ctx: ResolverContext, file: FileRecord) {
  // MediaImage.image "Returns null until status is READY" (schema); the URL keeps its path across replacements.
  if (file.status !== "READY" || !file.ready) return null;
  return {
    id: file.id.replace("MediaImage", "ImageSource"),
    url: ctx.emulator.fileUrl(ctx.domain, file),
    width: file.ready.width,
    height: file.ready.height,
    altText: file.alt || null,
    thumbhash: null,
  };
}

export const fileCommon = {
  fileStatus: (file: FileRecord) => file.status,
  fileErrors: (file: FileRecord) =>
    file.errors.map((e) => ({ ...e, code: "UNKNOWN" })),
  mediaErrors: (file: FileRecord) => file.errors,
  mediaWarnings: () => [],
  mediaContentType,
  preview: (file: FileRecord, _args: Args, ctx: ResolverContext) => ({
    status:
      file.status === "READY"
        ? "READY"
        : file.status === "FAILED"
          ? "FAILED"
          : "PROCESSING",
    image: file.kind === "MediaImage" ? imageView(ctx, file) : null,
  }),
  alt: (file: FileRecord) => file.alt || null,
};

export const fileTypeResolvers: ResolverMap = {
  MediaImage: {
    ...fileCommon,
    image: (file: FileRecord, _args, ctx) => imageView(ctx, file),
    mimeType: (file: FileRecord) =>
      file.ready?.mimeType ?? file.pendingMimeType,
    originalSource: (file: FileRecord, _args, ctx) =>
      file.ready
        ? {
            url: ctx.emulator.fileUrl(ctx.domain, file),
            fileSize: file.ready.size,
          }
        : null,
  },
  GenericFile: {
    ...fileCommon,
    url: (file: FileRecord, _args, ctx) =>
      file.status === "READY" ? ctx.emulator.fileUrl(ctx.domain, file) : null,
    mimeType: (file: FileRecord) =>
      file.ready?.mimeType ?? file.pendingMimeType,
    originalFileSize: (file: FileRecord) => file.ready?.size ?? null,
  },
  Image: {
    url: (image: { url: string }, args) => {
      const transform = args.transform as
        { maxWidth?: number; maxHeight?: number } | undefined;
      if (!transform) return image.url;
      const url = new URL(image.url);
      if (transform.maxWidth)
        url.searchParams.set("width", String(transform.maxWidth));
      if (transform.maxHeight)
        url.searchParams.set("height", String(transform.maxHeight));
      return url.toString();
    },
  },
};
