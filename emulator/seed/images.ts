// Studio images for the seeded catalogue, drawn with sharp: a garment silhouette in the variant's colour on a
// studio background. Deterministic, so a test can regenerate exactly the file it uploaded.
import sharp from "sharp";
import type { Colour, Family } from "./catalogue";

export type ImageRole = "front" | "back" | "detail" | "lifestyle";

const SILHOUETTES: Record<Family, string> = {
  coat: "M38 18 L50 12 L62 18 L78 28 L74 60 L68 58 L68 92 L32 92 L32 58 L26 60 L22 28 Z",
  knit: "M36 20 L50 16 L64 20 L80 30 L76 52 L68 48 L68 80 L32 80 L32 48 L24 52 L20 30 Z",
  trouser: "M34 12 L66 12 L70 92 L56 92 L50 40 L44 92 L30 92 Z",
  accessory: "M20 40 Q50 20 80 40 L80 56 Q50 36 20 56 Z",
};

export interface StudioImageSpec {
  family: Family;
  colour: Colour;
  role?: ImageRole;
  width?: number;
  height?: number;
  /** Printed small in a corner, e.g. the SKU and a version label, so replaced images differ visibly. */
  label?: string;
  format?: "jpeg" | "png";
  /**
   * A marketplace packshot: pure white background, no shadow, the garment filling ~90 % of the frame (what a
   * marketplace's main-image rules ask for). Default: a studio shot on a warm grey sweep.
   */
  packshot?: boolean;
}

/** A studio photograph stand-in; default 1600×2000 JPEG (4:5, the apparel convention). */
export async function studioImage(spec: StudioImageSpec): Promise<Buffer> {
  const width = spec.width ?? 1600;
  const height = spec.height ?? 2000;
  const role = spec.role ?? "front";
  const background = role === "lifestyle" ? "#cfd8d3" : "#f4f2ee";
  const scale = role === "detail" ? 1.8 : 1;
  const label = (spec.label ?? "").replace(/[<>&"]/g, "");
  if (spec.packshot) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="88" viewBox="18 8 64 88">
      <rect x="0" y="0" width="100" height="125" fill="#ffffff"/>
      <path d="${SILHOUETTES[spec.family]}" fill="${spec.colour.hex}"/>
      <text x="50" y="50" text-anchor="middle" font-family="sans-serif" font-size="3" fill="#ffffff">${label}</text>
    </svg>`;
    const image = sharp(Buffer.from(svg), {
      density: Math.max(72, Math.round(72 * Math.max(width / 64, height / 88))),
    }).resize(width, height, { fit: "contain", background: "#ffffff" });
    return spec.format === "png"
      ? image.png().toBuffer()
      : image.jpeg({ quality: 90, mozjpeg: false }).toBuffer();
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 100 125">
    <defs><radialGradient id="g" cx="50%" cy="40%" r="75%"><stop offset="0%" stop-color="#ffffff"/><stop offset="100%" stop-color="${background}"/></radialGradient></defs>
    <rect width="100" height="125" fill="url(#g)"/>
    <ellipse cx="50" cy="112" rx="30" ry="3" fill="#000" opacity="0.08"/>
    <g transform="translate(50 62) scale(${scale}) translate(-50 -50)${role === "back" ? " scale(-1 1) translate(-100 0)" : ""}">
      <path d="${SILHOUETTES[spec.family]}" fill="${spec.colour.hex}" stroke="#00000022" stroke-width="0.4"/>
    </g>
    <text x="4" y="121" font-family="sans-serif" font-size="3" fill="#555">${label}</text>
  </svg>`;
  const image = sharp(Buffer.from(svg), {
    density: Math.max(72, Math.round((72 * width) / 100)),
  }).resize(width, height);
  return spec.format === "png"
    ? image.png().toBuffer()
    : image.jpeg({ quality: 85, mozjpeg: false }).toBuffer();
}
