// The asset page's data as its cards receive it (serialised by the loader).
import type { MediaView } from "~/dam/media-view";
import type { ActionFailure } from "~/lib/action-result";

export interface Version {
  id: string;
  number: number;
  filename: string;
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
  colorSpace: string | null;
  durationMs: number | null;
  pageCount: number | null;
  dominantColor: string | null;
  metadata: Record<string, unknown>;
  uploadedBy: string | null;
  createdAt: string;
  approvedAt: string | null;
  approvedBy: string | null;
  restoredFromId: string | null;
  thumbnailUrl: string | null;
  previewUrl: string | null;
  /** Video facts and player, spin frames, 3D model facts (issue #15). */
  media?: MediaView;
  downloadUrl: string;
}

export interface Asset {
  id: string;
  title: string;
  kind: string;
  status: string;
  currentVersionId: string | null;
  thumbhash: string | null;
  altText: Record<string, string>;
  rightsOwner: string | null;
  licence: string | null;
  usageNotes: string | null;
  validFrom: string | null;
  validUntil: string | null;
  tags: string[];
  collections: { id: string; name: string }[];
  versions: Version[];
}

export type ActionData = { ok: true; intent: string } | ActionFailure;

/** What approving or archiving changes downstream (the "Used by" impact). */
export interface Impact {
  products: number;
  variants: number;
}
