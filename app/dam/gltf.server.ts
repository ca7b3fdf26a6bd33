// glTF JSON uploads (`.gltf`, issue #15). Shopify's MODEL_3D media takes GLB, and a library asset is one file, so a
// `.gltf` is accepted when everything it needs is inside it: buffers and images as `data:` URIs. It is packed into
// a GLB (the JSON chunk and one BIN chunk holding every buffer and embedded image, 4-byte aligned, as the glTF 2.0
// spec's GLB section lays out) and ingested as that GLB, so Khronos's validator checks it like any other model.
// A `.gltf` that points to files beside it (`scene.bin`, textures) is refused: those files are not in the upload.
import { open, readFile } from "node:fs/promises";
import { Invalid } from "~/lib/errors";

/** Largest glTF JSON read (it is parsed in memory; base64 makes it a third larger than its GLB). */
export const MAX_GLTF_BYTES = 100 * 1024 * 1024;

const DATA_URI = /^data:([^;,]*)(;base64)?,/;
const EXTERNAL =
  "upload a GLB, or a .gltf whose buffers and textures are embedded (data: URIs)";

interface GltfJson {
  asset?: { version?: unknown };
  buffers?: { uri?: unknown; byteLength?: unknown }[];
  bufferViews?: {
    buffer?: unknown;
    byteOffset?: unknown;
    byteLength?: unknown;
  }[];
  images?: { uri?: unknown; mimeType?: unknown; bufferView?: unknown }[];
  [key: string]: unknown;
}

/** Whether the file is a JSON object (first character `{` after a BOM and white space). */
async function startsLikeJsonObject(file: string): Promise<boolean> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(256);
    const { bytesRead } = await handle.read(head, 0, 256, 0);
    return /^(\uFEFF)?\s*\{/.test(head.subarray(0, bytesRead).toString("utf8"));
  } finally {
    await handle.close();
  }
}

function decodeDataUri(uri: unknown, what: string): Buffer {
  if (typeof uri !== "string")
    throw new Invalid(`the glTF's ${what} has no data; ${EXTERNAL}`);
  const match = DATA_URI.exec(uri);
  if (!match)
    throw new Invalid(
      `the glTF refers to an external file (${uri.slice(0, 80)}) for its ${what}; ${EXTERNAL}`,
    );
  const body = uri.slice(match[0].length);
  if (match[2]) return Buffer.from(body, "base64");
  try {
    return Buffer.from(decodeURIComponent(body), "latin1");
  } catch {
    throw new Invalid(`the glTF's ${what} is not a readable data: URI`);
  }
}

const pad = (length: number) => (4 - (length % 4)) % 4;

/** Packs parsed glTF 2.0 JSON with embedded data into GLB bytes. Throws `Invalid` for external resources. */
export function packGlb(json: GltfJson): Buffer {
  const chunks: Buffer[] = [];
  let length = 0;
  const append = (data: Buffer) => {
    const offset = length;
    chunks.push(data, Buffer.alloc(pad(data.length)));
    length += data.length + pad(data.length);
    return offset;
  };
  const offsets = (json.buffers ?? []).map((buffer, i) => {
    const data = decodeDataUri(buffer.uri, `buffer ${i}`);
    if (
      typeof buffer.byteLength === "number" &&
      data.length < buffer.byteLength
    )
      throw new Invalid(
        `the glTF's buffer ${i} holds ${data.length} bytes but declares ${buffer.byteLength}`,
      );
    return append(data);
  });
  for (const view of json.bufferViews ?? []) {
    const offset = offsets[Number(view.buffer)];
    if (offset === undefined) continue; // the validator names the broken reference
    view.byteOffset = (Number(view.byteOffset) || 0) + offset;
    view.buffer = 0;
  }
  for (const [i, image] of (json.images ?? []).entries()) {
    if (image.uri === undefined) continue;
    const mime = typeof image.uri === "string" && DATA_URI.exec(image.uri)?.[1];
    const data = decodeDataUri(image.uri, `image ${i}`);
    json.bufferViews ??= [];
    json.bufferViews.push({
      buffer: 0,
      byteOffset: append(data),
      byteLength: data.length,
    });
    image.bufferView = json.bufferViews.length - 1;
    image.mimeType = image.mimeType ?? (mime || undefined);
    delete image.uri;
  }
  if (length > 0) json.buffers = [{ byteLength: length }];
  else delete json.buffers;
  const bin = Buffer.concat(chunks);
  const text = Buffer.from(JSON.stringify(json), "utf8");
  const jsonChunk = Buffer.concat([text, Buffer.alloc(pad(text.length), 0x20)]);
  const chunk = (type: number, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32LE(body.length, 0);
    head.writeUInt32LE(type, 4);
    return Buffer.concat([head, body]);
  };
  const body = Buffer.concat([
    chunk(0x4e4f534a, jsonChunk),
    ...(bin.length ? [chunk(0x004e4942, bin)] : []),
  ]);
  const header = Buffer.alloc(12);
  header.write("glTF", 0, "latin1");
  header.writeUInt32LE(2, 4);
  header.writeUInt32LE(12 + body.length, 8);
  return Buffer.concat([header, body]);
}

/**
 * The GLB a glTF JSON upload packs into, or null when the file is not glTF JSON (other JSON, or not JSON: the
 * caller's type detection decides). Throws `Invalid` for a glTF over MAX_GLTF_BYTES, not 2.0, or with external
 * resources.
 */
export async function gltfAsGlb(
  file: string,
  bytes: number,
): Promise<Buffer | null> {
  if (!(await startsLikeJsonObject(file))) return null;
  if (bytes > MAX_GLTF_BYTES)
    throw new Invalid(
      `JSON files over ${MAX_GLTF_BYTES / 1024 / 1024} MB are not accepted; export a 3D model as GLB`,
    );
  let json: GltfJson;
  try {
    json = JSON.parse(
      (await readFile(file, "utf8")).replace(/^\uFEFF/, ""),
    ) as GltfJson;
  } catch {
    return null;
  }
  const version = json?.asset?.version;
  if (typeof version !== "string") return null;
  if (!version.startsWith("2."))
    throw new Invalid(
      `glTF ${version} is not accepted; export the model as glTF 2.0 (GLB)`,
    );
  return packGlb(json);
}
