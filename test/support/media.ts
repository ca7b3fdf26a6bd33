// Builders for video, spin and 3D tests: real clips made by ffmpeg (`-f lavfi -i testsrc`), a real GLB with one
// triangle, and ZIPs written byte by byte (stored, no compression) so a test controls every header.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32 } from "node:zlib";

/** A test-pattern clip made by ffmpeg: H.264 in MP4/MOV (moov at the end, as cameras write it) or VP9 WebM. */
export function clip(
  options: {
    seconds?: number;
    width?: number;
    height?: number;
    container?: "mp4" | "mov" | "webm";
    frames?: number;
  } = {},
): Buffer {
  const container = options.container ?? "mp4";
  const dir = mkdtempSync(path.join(tmpdir(), "vitrine-clip-"));
  const out = path.join(dir, `clip.${container}`);
  const size = `${options.width ?? 320}x${options.height ?? 240}`;
  try {
    execFileSync("ffmpeg", [
      ...["-v", "error", "-nostdin", "-f", "lavfi"],
      ...[
        "-i",
        `testsrc=size=${size}:rate=25:duration=${options.seconds ?? 2}`,
      ],
      ...(options.frames !== undefined
        ? ["-frames:v", String(options.frames)]
        : []),
      ...(container === "webm"
        ? ["-c:v", "libvpx-vp9", "-b:v", "100k", "-deadline", "realtime"]
        : ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]),
      ...["-threads", "1", out],
    ]);
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A valid GLB: one triangle spanning `size` (metres), with its binary buffer. */
export function glbModel(size = { x: 0.5, y: 1.25, z: 0.25 }): Buffer {
  const bin = Buffer.from(
    new Float32Array([0, 0, 0, size.x, 0, 0, 0, size.y, size.z]).buffer,
  );
  const json = {
    asset: { version: "2.0", generator: "vitrine-test" },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0 }],
    meshes: [{ primitives: [{ attributes: { POSITION: 0 } }] }],
    buffers: [{ byteLength: bin.length }],
    bufferViews: [{ buffer: 0, byteLength: bin.length, target: 34962 }],
    accessors: [
      {
        bufferView: 0,
        componentType: 5126,
        count: 3,
        type: "VEC3",
        min: [0, 0, 0],
        max: [size.x, size.y, size.z],
      },
    ],
  };
  let text = Buffer.from(JSON.stringify(json));
  if (text.length % 4)
    text = Buffer.concat([text, Buffer.alloc(4 - (text.length % 4), 0x20)]);
  const header = Buffer.alloc(12);
  header.write("glTF", 0, "latin1");
  header.writeUInt32LE(2, 4);
  header.writeUInt32LE(12 + 8 + text.length + 8 + bin.length, 8);
  const chunk = (type: number, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32LE(body.length, 0);
    head.writeUInt32LE(type, 4);
    return Buffer.concat([head, body]);
  };
  return Buffer.concat([
    header,
    chunk(0x4e4f534a, text),
    chunk(0x004e4942, bin),
  ]);
}

/** A ZIP (stored entries) of `entries` in the given order. */
export function zipOf(entries: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
