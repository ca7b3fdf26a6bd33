// Reads what Shopify's video and 3D processing reads from an upload, without decoding it: an MP4/MOV's duration
// and frame size (ISO BMFF boxes mvhd/tkhd), a WebM's (EBML Info/Tracks), a GLB's structure (header, JSON chunk,
// glTF 2.0 asset, accessor bounds). A malformed file throws ProbeError with the media error code Shopify uses.

export class ProbeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface VideoInfo {
  container: "mp4" | "mov" | "webm";
  mimeType: string;
  durationMs: number;
  width: number;
  height: number;
}

interface Box {
  type: string;
  start: number;
  end: number;
}

function boxes(bytes: Buffer, start: number, end: number): Box[] {
  const found: Box[] = [];
  for (let at = start; at < end;) {
    if (at + 8 > end)
      throw new ProbeError(
        "VIDEO_METADATA_READ_ERROR",
        "Truncated box header.",
      );
    let size = bytes.readUInt32BE(at);
    const type = bytes.toString("latin1", at + 4, at + 8);
    let header = 8;
    if (size === 1) {
      if (at + 16 > end)
        throw new ProbeError(
          "VIDEO_METADATA_READ_ERROR",
          "Truncated box header.",
        );
      size = Number(bytes.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size === 0) size = end - at;
    if (size < header || at + size > end)
      throw new ProbeError(
        "VIDEO_METADATA_READ_ERROR",
        `The ${type} box runs past the end of the file.`,
      );
    found.push({ type, start: at + header, end: at + size });
    at += size;
  }
  return found;
}

const child = (bytes: Buffer, box: Box | undefined, type: string) =>
  box
    ? boxes(bytes, box.start, box.end).find((b) => b.type === type)
    : undefined;

function probeMp4(bytes: Buffer): VideoInfo {
  const top = boxes(bytes, 0, bytes.length);
  const ftyp = top.find((b) => b.type === "ftyp");
  const moov = top.find((b) => b.type === "moov");
  if (!ftyp || !moov)
    throw new ProbeError(
      "VIDEO_METADATA_READ_ERROR",
      "No movie header (moov box): the file is incomplete.",
    );
  const brand = bytes.toString("latin1", ftyp.start, ftyp.start + 4);
  const mvhd = child(bytes, moov, "mvhd");
  if (!mvhd) throw new ProbeError("VIDEO_METADATA_READ_ERROR", "No mvhd box.");
  const v1 = bytes[mvhd.start] === 1;
  const timescale = bytes.readUInt32BE(mvhd.start + (v1 ? 20 : 12));
  const duration = v1
    ? Number(bytes.readBigUInt64BE(mvhd.start + 24))
    : bytes.readUInt32BE(mvhd.start + 16);
  let width = 0;
  let height = 0;
  for (const trak of boxes(bytes, moov.start, moov.end).filter(
    (b) => b.type === "trak",
  )) {
    const hdlr = child(bytes, child(bytes, trak, "mdia"), "hdlr");
    if (
      !hdlr ||
      bytes.toString("latin1", hdlr.start + 8, hdlr.start + 12) !== "vide"
    )
      continue;
    const tkhd = child(bytes, trak, "tkhd");
    if (!tkhd) continue;
    const offset = bytes[tkhd.start] === 1 ? 88 : 76;
    width = Math.round(bytes.readUInt32BE(tkhd.start + offset) / 65536);
    height = Math.round(bytes.readUInt32BE(tkhd.start + offset + 4) / 65536);
    break;
  }
  if (!width || !height)
    throw new ProbeError(
      "VIDEO_VALIDATION_ERROR",
      "The file has no video track.",
    );
  const mov = brand === "qt  ";
  return {
    container: mov ? "mov" : "mp4",
    mimeType: mov ? "video/quicktime" : "video/mp4",
    durationMs: timescale ? Math.round((duration / timescale) * 1000) : 0,
    width,
    height,
  };
}

/** An EBML variable-length integer: its value and length; `marker` keeps the length bits (element ids). */
function vint(
  bytes: Buffer,
  at: number,
  marker = false,
): { value: number; length: number } {
  const first = bytes[at];
  if (first === undefined || first === 0)
    throw new ProbeError("VIDEO_METADATA_READ_ERROR", "Invalid EBML element.");
  const length = Math.clz32(first) - 23;
  if (at + length > bytes.length)
    throw new ProbeError(
      "VIDEO_METADATA_READ_ERROR",
      "Truncated EBML element.",
    );
  let value = marker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + bytes[at + i]!;
    allOnes &&= bytes[at + i] === 0xff;
  }
  return { value: !marker && allOnes ? -1 : value, length };
}

function ebml(
  bytes: Buffer,
  start: number,
  end: number,
): { id: number; start: number; end: number }[] {
  const elements = [];
  for (let at = start; at < end;) {
    const id = vint(bytes, at, true);
    const size = vint(bytes, at + id.length);
    const dataStart = at + id.length + size.length;
    const dataEnd = size.value < 0 ? end : dataStart + size.value;
    if (dataEnd > end)
      throw new ProbeError(
        "VIDEO_METADATA_READ_ERROR",
        "An EBML element runs past the end of the file.",
      );
    elements.push({ id: id.value, start: dataStart, end: dataEnd });
    at = dataEnd;
  }
  return elements;
}

function probeWebm(bytes: Buffer): VideoInfo {
  const segment = ebml(bytes, 0, bytes.length).find((e) => e.id === 0x18538067);
  if (!segment)
    throw new ProbeError("VIDEO_METADATA_READ_ERROR", "No Matroska segment.");
  const parts = ebml(bytes, segment.start, segment.end);
  const info = parts.find((e) => e.id === 0x1549a966);
  const tracks = parts.find((e) => e.id === 0x1654ae6b);
  if (!info || !tracks)
    throw new ProbeError(
      "VIDEO_METADATA_READ_ERROR",
      "No segment info or tracks.",
    );
  const uint = (e: { start: number; end: number }) =>
    bytes.readUIntBE(e.start, e.end - e.start);
  let scale = 1_000_000;
  let duration = 0;
  for (const e of ebml(bytes, info.start, info.end)) {
    if (e.id === 0x2ad7b1) scale = uint(e);
    if (e.id === 0x4489)
      duration =
        e.end - e.start === 4
          ? bytes.readFloatBE(e.start)
          : bytes.readDoubleBE(e.start);
  }
  let width = 0;
  let height = 0;
  for (const entry of ebml(bytes, tracks.start, tracks.end).filter(
    (e) => e.id === 0xae,
  )) {
    const fields = ebml(bytes, entry.start, entry.end);
    const video = fields.find((e) => e.id === 0xe0);
    if (!video) continue;
    for (const e of ebml(bytes, video.start, video.end)) {
      if (e.id === 0xb0) width = uint(e);
      if (e.id === 0xba) height = uint(e);
    }
    break;
  }
  if (!width || !height)
    throw new ProbeError(
      "VIDEO_VALIDATION_ERROR",
      "The file has no video track.",
    );
  return {
    container: "webm",
    mimeType: "video/webm",
    durationMs: Math.round((duration * scale) / 1e6),
    width,
    height,
  };
}

/** Probes an MP4, MOV or WebM upload. */
export function probeVideo(bytes: Buffer): VideoInfo {
  if (bytes.length >= 8 && bytes.toString("latin1", 4, 8) === "ftyp")
    return probeMp4(bytes);
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x1a45dfa3)
    return probeWebm(bytes);
  throw new ProbeError(
    "VIDEO_INVALID_FILETYPE_ERROR",
    "Only MP4, MOV and WebM videos are accepted.",
  );
}

export interface ModelInfo {
  /** The smallest box around the meshes' positions, in meters (accessor min/max; node transforms ignored). */
  boundingBox: { x: number; y: number; z: number } | null;
}

interface GltfJson {
  asset?: { version?: unknown };
  meshes?: { primitives?: { attributes?: { POSITION?: number } }[] }[];
  accessors?: { min?: number[]; max?: number[] }[];
}

/** Validates a GLB (binary glTF 2.0): header, JSON chunk and asset version, the way Shopify's validation refuses. */
export function probeGlb(bytes: Buffer): ModelInfo {
  const fail = (message: string): never => {
    throw new ProbeError("MODEL3D_VALIDATION_ERROR", message);
  };
  if (bytes.length < 20 || bytes.toString("latin1", 0, 4) !== "glTF")
    fail("Not a GLB file (missing glTF header).");
  if (bytes.readUInt32LE(4) !== 2) fail("Only glTF 2.0 is supported.");
  if (bytes.readUInt32LE(8) !== bytes.length)
    fail("The GLB length does not match the file: it is truncated or padded.");
  const jsonLength = bytes.readUInt32LE(12);
  if (bytes.readUInt32LE(16) !== 0x4e4f534a || 20 + jsonLength > bytes.length)
    fail("The GLB has no JSON chunk.");
  let gltf: GltfJson = {};
  try {
    gltf = JSON.parse(bytes.toString("utf8", 20, 20 + jsonLength)) as GltfJson;
  } catch {
    fail("The GLB's JSON chunk is not valid JSON.");
  }
  if (String(gltf.asset?.version ?? "") !== "2.0")
    fail("asset.version must be 2.0.");
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (const mesh of gltf.meshes ?? [])
    for (const primitive of mesh.primitives ?? []) {
      const accessor = gltf.accessors?.[primitive.attributes?.POSITION ?? -1];
      if (accessor?.min?.length !== 3 || accessor.max?.length !== 3) continue;
      for (let i = 0; i < 3; i++) {
        min[i] = Math.min(min[i]!, accessor.min[i]!);
        max[i] = Math.max(max[i]!, accessor.max[i]!);
      }
    }
  const size = max.map((m, i) => m - min[i]!);
  return {
    boundingBox: size.every(Number.isFinite)
      ? { x: size[0]!, y: size[1]!, z: size[2]! }
      : null,
  };
}
