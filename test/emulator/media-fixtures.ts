// Minimal, structurally valid media containers for the emulator's video and 3D tests: enough boxes / elements
// for a prober to read duration and frame size, no encoded frames.

function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(body.length + 8, 0);
  header.write(type, 4, "latin1");
  return Buffer.concat([header, body]);
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

/** An MP4 (or MOV with `brand: "qt  "`) with one video track of the given size and duration. */
export function mp4(options: {
  width: number;
  height: number;
  durationMs: number;
  brand?: string;
}): Buffer {
  const timescale = 1000;
  const mvhd = box(
    "mvhd",
    u32(0),
    u32(0),
    u32(0),
    u32(timescale),
    u32(options.durationMs),
    Buffer.alloc(80),
  );
  const tkhd = box(
    "tkhd",
    u32(0), // version 0, flags
    Buffer.alloc(16), // creation, modification, track id, reserved
    u32(options.durationMs),
    Buffer.alloc(8 + 8 + 36), // reserved, layer/group/volume/reserved, matrix
    u32(options.width * 65536),
    u32(options.height * 65536),
  );
  const hdlr = box(
    "hdlr",
    u32(0),
    u32(0),
    Buffer.from("vide", "latin1"),
    Buffer.alloc(12),
    Buffer.from("VideoHandler\0"),
  );
  const trak = box("trak", tkhd, box("mdia", hdlr));
  const ftyp = box(
    "ftyp",
    Buffer.from(options.brand ?? "isom", "latin1"),
    u32(512),
    Buffer.from("isomiso2avc1mp41", "latin1"),
  );
  return Buffer.concat([
    ftyp,
    box("moov", mvhd, trak),
    box("mdat", Buffer.alloc(64)),
  ]);
}

function ebml(id: number[], ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const size = Buffer.alloc(8);
  size.writeUInt8(0x01, 0);
  size.writeUIntBE(body.length, 2, 6);
  return Buffer.concat([Buffer.from(id), size, body]);
}

/** A WebM with a video track of the given size and duration. */
export function webm(options: {
  width: number;
  height: number;
  durationMs: number;
}): Buffer {
  const duration = Buffer.alloc(8);
  duration.writeDoubleBE(options.durationMs); // TimecodeScale 1 ms
  const uint = (n: number) => {
    const b = Buffer.alloc(2);
    b.writeUInt16BE(n);
    return b;
  };
  const header = ebml(
    [0x1a, 0x45, 0xdf, 0xa3],
    ebml([0x42, 0x82], Buffer.from("webm")),
  );
  const info = ebml(
    [0x15, 0x49, 0xa9, 0x66],
    ebml([0x2a, 0xd7, 0xb1], Buffer.from([0x0f, 0x42, 0x40])),
    ebml([0x44, 0x89], duration),
  );
  const video = ebml(
    [0xe0],
    ebml([0xb0], uint(options.width)),
    ebml([0xba], uint(options.height)),
  );
  const tracks = ebml(
    [0x16, 0x54, 0xae, 0x6b],
    ebml(
      [0xae],
      ebml([0x83], Buffer.from([1])),
      ebml([0x86], Buffer.from("V_VP9")),
      video,
    ),
  );
  return Buffer.concat([header, ebml([0x18, 0x53, 0x80, 0x67], info, tracks)]);
}
