// The asset page's view of a video, spin or 3D model (shared by the loader and the components).

export type MediaView =
  | {
      kind: "video";
      codec: string;
      audioCodec: string | null;
      frameRate: number | null;
      posterUrl: string | null;
      previewUrl: string | null;
    }
  | { kind: "spin"; frames: string[] }
  | ({ kind: "model" } & ModelFacts)
  | null;

/** What the DAM reads from a GLB (app/dam/model3d.server.ts) and shows on the asset page. */
export interface ModelFacts {
  /** Axis-aligned size of the mesh positions, in the model's units (metres by glTF convention). */
  boundingBox: { x: number; y: number; z: number } | null;
  vertexCount: number;
  triangleCount: number;
  materialCount: number;
  animationCount: number;
  hasTextures: boolean;
  generator: string | null;
}
