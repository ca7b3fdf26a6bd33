// What a file's source URL or filename says: its name, its extension, its kind (image, video, 3D model or
// generic file), whether Shopify accepts it at all; and the alt-text limit every file input shares.
import { GraphQLError } from "graphql";
import type { FileKind } from "../state";

export const ALT_LIMIT = 512;
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

export function filenameOf(source: string): string {
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

export function validSource(source: string): boolean {
  try {
    return ["https:", "http:"].includes(new URL(source).protocol);
  } catch {
    return false;
  }
}
