// Builders for DAM tests: deterministic images made with sharp, hostile files crafted byte by byte, and a
// per-file storage folder.
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";

/**
 * This test file's STORAGE_DIR (integration-setup gives each file its own, before the app reads its env). Fails
 * loudly if the app's storage points elsewhere, so "nothing left behind" checks cannot pass by looking at the
 * wrong folder.
 */
export async function useTempStorageDir(): Promise<string> {
  const { env } = await import("~/env.server");
  const { getStorage, LocalStorage } = await import("~/dam/storage.server");
  const dir = process.env.STORAGE_DIR ?? "";
  const storage = getStorage();
  if (
    !dir.startsWith(tmpdir()) ||
    env().STORAGE_DIR !== dir ||
    !(storage instanceof LocalStorage) ||
    storage.root !== path.resolve(dir)
  )
    throw new Error(
      `tests must store under their own temp STORAGE_DIR, not ${env().STORAGE_DIR}`,
    );
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function removeDir(dir: string) {
  rmSync(dir, { recursive: true, force: true });
}

/** Every file under `dir`, relative (empty folders do not count). */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(path.relative(dir, full));
    }
  };
  walk(dir);
  return out;
}

/** A photo-like image: gradients and a few shapes, so hashes and placeholders have something to see. */
export async function photo(
  options: {
    width?: number;
    height?: number;
    seed?: number;
    format?: "jpeg" | "png" | "webp";
    quality?: number;
  } = {},
): Promise<Buffer> {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const seed = options.seed ?? 1;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="hsl(${(seed * 47) % 360},70%,50%)"/>
      <stop offset="1" stop-color="hsl(${(seed * 97 + 120) % 360},60%,30%)"/>
    </linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <circle cx="${(seed * 131) % width}" cy="${height / 2}" r="${height / 4}" fill="#fff"/>
    <rect x="${width / 8}" y="${(seed * 53) % (height / 2)}" width="${width / 3}" height="${height / 5}" fill="#111"/>
  </svg>`;
  const image = sharp(Buffer.from(svg));
  const format = options.format ?? "jpeg";
  if (format === "png") return image.png().toBuffer();
  if (format === "webp") return image.webp().toBuffer();
  return image.jpeg({ quality: options.quality ?? 90 }).toBuffer();
}

/** A JPEG stored sideways with EXIF orientation 6 (rotate 90° to view) and GPS + camera tags. */
export async function sidewaysJpegWithGps(): Promise<Buffer> {
  const base = await photo({ width: 600, height: 400, seed: 7 });
  return sharp(base)
    .withExif({
      IFD0: {
        Make: "Vitrine Test Cam",
        Model: "TC-1",
        Copyright: "Atelier Test",
      },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "51/1 30/1 0/1",
        GPSLongitudeRef: "W",
        GPSLongitude: "0/1 7/1 0/1",
      },
    })
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();
}

function crc32(data: Buffer): number {
  let crc = ~0;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** A tiny PNG whose header claims `width` × `height`: a decompression bomb as far as the decoder knows. */
export async function pixelBombPng(
  width = 30_000,
  height = 30_000,
): Promise<Buffer> {
  const png = Buffer.from(
    await photo({ width: 16, height: 16, format: "png" }),
  );
  // IHDR data starts at byte 16 (8 signature + 4 length + 4 type); its CRC covers type + data (17 bytes).
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

export const hostileSvg = Buffer.from(`<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="80" onload="alert(1)">
  <script>alert(document.cookie)</script>
  <rect width="120" height="80" fill="#c33" onclick="steal()"/>
  <image href="https://evil.example/track.png" width="10" height="10"/>
  <use xlink:href="https://evil.example/sprite.svg#x"/>
  <a href="javascript:alert(2)"><circle cx="60" cy="40" r="20" fill="#fff"/></a>
  <foreignObject width="10" height="10"><iframe src="https://evil.example"></iframe></foreignObject>
</svg>`);

/** A minimal valid GLB: header and a JSON chunk padded to 4 bytes (no meshes). */
export function glb(): Buffer {
  const json = Buffer.from('{"asset":{"version":"2.0"}}     ');
  const header = Buffer.alloc(20);
  header.write("glTF", 0, "ascii");
  header.writeUInt32LE(2, 4);
  header.writeUInt32LE(20 + json.length, 8);
  header.writeUInt32LE(json.length, 12);
  header.write("JSON", 16, "ascii");
  return Buffer.concat([header, json]);
}

/** A two-page PDF, written by hand. */
export function pdf(): Buffer {
  return Buffer.from(`%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj
4 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj
trailer << /Root 1 0 R >>
%%EOF
`);
}
