import { Thumbnail } from "@shopify/polaris";
import {
  FileIcon,
  ImageIcon,
  PlayCircleIcon,
  ProductIcon,
} from "@shopify/polaris-icons";
import { useMemo } from "react";
import { thumbHashToDataURL } from "thumbhash";

/** The thumbhash as a data URL (atob: this runs in the browser too, where Buffer does not exist). */
function placeholderUrl(thumbhash: string): string {
  return thumbHashToDataURL(
    Uint8Array.from(atob(thumbhash), (c) => c.charCodeAt(0)),
  );
}

const kindIcons = {
  IMAGE: ImageIcon,
  VIDEO: PlayCircleIcon,
  DOCUMENT: FileIcon,
  MODEL_3D: ProductIcon,
} as const;

interface Props {
  kind: string;
  title: string;
  url: string | null;
  thumbhash: string | null;
  size?: "small" | "medium" | "large";
}

/** The rendition when it exists; until then the thumbhash placeholder; for non-images a type icon. */
export function AssetThumbnail({
  kind,
  title,
  url,
  thumbhash,
  size = "large",
}: Props) {
  const placeholder = useMemo(
    () => (thumbhash ? placeholderUrl(thumbhash) : null),
    [thumbhash],
  );
  const source =
    url ?? placeholder ?? kindIcons[kind as keyof typeof kindIcons] ?? FileIcon;
  return (
    <span
      data-thumbnail-state={
        url ? "ready" : placeholder ? "placeholder" : "icon"
      }
    >
      <Thumbnail source={source} alt={title} size={size} />
    </span>
  );
}

/** A large preview for the asset page. */
export function AssetPreviewImage({
  url,
  thumbhash,
  title,
  width,
  height,
}: {
  url: string | null;
  thumbhash: string | null;
  title: string;
  /** The image's size in pixels, when known: the page keeps its box while it loads (no layout shift). */
  width?: number | null;
  height?: number | null;
}) {
  const placeholder = useMemo(
    () => (thumbhash ? placeholderUrl(thumbhash) : null),
    [thumbhash],
  );
  const src = url ?? placeholder;
  if (!src) return null;
  return (
    <img
      src={src}
      alt={title}
      width={width ?? undefined}
      height={height ?? undefined}
      style={{
        maxWidth: "100%",
        maxHeight: 560,
        // With its width and height given, the box has the image's proportions before it loads.
        height: width && height ? "auto" : undefined,
        objectFit: "contain",
        display: "block",
        margin: "0 auto",
        minWidth: url ? undefined : 320,
      }}
    />
  );
}
