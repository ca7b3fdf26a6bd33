// Video and Model3d: sources, duration, bounding box and the preview image, each null or empty until the media is
// READY (as the schema says: "This value is null unless the video's status field is READY").
import type { FileRecord } from "../state";
import type { ResolverContext, ResolverMap } from "./context";
import { fileCommon } from "./file-types";

function previewImage(ctx: ResolverContext, file: FileRecord) {
  const preview = file.ready?.preview;
  if (file.status !== "READY" || !preview) return null;
  return {
    id: file.id.replace(/\/(Video|Model3d)\//, "/ImageSource/"),
    url: ctx.emulator.previewUrl(ctx.domain, file),
    width: preview.width,
    height: preview.height,
    altText: file.alt || null,
    thumbhash: null,
  };
}

const mediaPreview = (
  file: FileRecord,
  _args: unknown,
  ctx: ResolverContext,
) => ({
  status:
    file.status === "READY"
      ? "READY"
      : file.status === "FAILED"
        ? "FAILED"
        : "PROCESSING",
  image: previewImage(ctx, file),
});

function videoSource(ctx: ResolverContext, file: FileRecord) {
  if (file.status !== "READY" || !file.ready) return null;
  return {
    url: ctx.emulator.fileUrl(ctx.domain, file),
    mimeType: file.ready.mimeType,
    format:
      file.ready.mimeType === "video/quicktime"
        ? "mov"
        : (file.ready.mimeType.split("/")[1] ?? "mp4"),
    fileSize: file.ready.size,
    width: file.ready.width ?? 0,
    height: file.ready.height ?? 0,
  };
}

/**
 * The original GLB (or USDZ). Shopify also converts a GLB to USDZ for AR; the emulator converts nothing, so it
 * lists only the source it really serves.
 */
function modelSource(ctx: ResolverContext, file: FileRecord) {
  if (file.status !== "READY" || !file.ready) return null;
  return {
    url: ctx.emulator.fileUrl(ctx.domain, file),
    mimeType: file.ready.mimeType,
    format: file.ready.mimeType === "model/gltf-binary" ? "glb" : "usdz",
    filesize: file.ready.size,
  };
}

export const mediaResolvers: ResolverMap = {
  Video: {
    ...fileCommon,
    preview: mediaPreview,
    filename: (file: FileRecord) => file.filename,
    duration: (file: FileRecord) =>
      file.status === "READY" ? (file.ready?.durationMs ?? null) : null,
    originalSource: (file: FileRecord, _args, ctx) => videoSource(ctx, file),
    sources: (file: FileRecord, _args, ctx) => {
      const source = videoSource(ctx, file);
      return source ? [source] : [];
    },
  },
  Model3d: {
    ...fileCommon,
    preview: mediaPreview,
    filename: (file: FileRecord) => file.filename,
    originalSource: (file: FileRecord, _args, ctx) => modelSource(ctx, file),
    sources: (file: FileRecord, _args, ctx) => {
      const source = modelSource(ctx, file);
      return source ? [source] : [];
    },
    boundingBox: (file: FileRecord) =>
      file.status === "READY" && file.ready?.boundingBox
        ? { size: file.ready.boundingBox }
        : null,
  },
};
