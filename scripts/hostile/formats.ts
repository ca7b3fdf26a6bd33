// Byte-level builders for the hostile-input corpus: PNG chunks (with their CRC), ISO-BMFF boxes and a minimal MP4,
// a JPEG IPTC segment, a minimal GLB and deeply nested SVG. Each writes exactly the bytes a real file would carry,
// so the corpus can bend one field at a time.
export const SVG_NS = 'xmlns="http://www.w3.org/2000/svg"';

export function crc32(data: Buffer): number {
  let crc = ~0;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

export function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Inserts chunks right after IHDR (byte 33). */
export const withPngChunks = (png: Buffer, ...chunks: Buffer[]) =>
  Buffer.concat([png.subarray(0, 33), ...chunks, png.subarray(33)]);

function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length);
  header.write(type, 4, "latin1");
  return Buffer.concat([header, body]);
}

/** An ISO-BMFF file: ftyp, then `middle` boxes, with a version-0 or -1 mvhd carrying `timescale` and `duration`. */
export function mp4(options: {
  version?: 0 | 1;
  timescale: number;
  duration: bigint;
  mdatBytes?: number;
  moovLast?: boolean;
  truncateMvhd?: boolean;
}): Buffer {
  const ftyp = box(
    "ftyp",
    Buffer.from("isom"),
    Buffer.from([0, 0, 2, 0]),
    Buffer.from("isomiso2mp41"),
  );
  const v1 = options.version === 1;
  const fields = Buffer.alloc(v1 ? 28 : 16);
  // creation + modification times, then timescale, then duration.
  if (v1) {
    fields.writeUInt32BE(options.timescale, 16);
    fields.writeBigUInt64BE(options.duration, 20);
  } else {
    fields.writeUInt32BE(options.timescale, 8);
    fields.writeUInt32BE(Number(options.duration), 12);
  }
  let mvhd = box(
    "mvhd",
    Buffer.from([v1 ? 1 : 0, 0, 0, 0]),
    fields,
    Buffer.alloc(80),
  );
  if (options.truncateMvhd) mvhd = mvhd.subarray(0, 14);
  const moov = options.truncateMvhd ? mvhd : box("moov", mvhd);
  const mdat = box("mdat", Buffer.alloc(options.mdatBytes ?? 64));
  return options.moovLast
    ? Buffer.concat([ftyp, mdat, moov])
    : Buffer.concat([ftyp, moov, mdat]);
}

/** A JPEG APP13 (Photoshop IRB) segment carrying IPTC records. */
export function iptcSegment(records: Array<[number, string]>): Buffer {
  const data = Buffer.concat(
    records.map(([tag, text]) => {
      const value = Buffer.from(text, "latin1");
      const head = Buffer.from([0x1c, 2, tag, 0, 0]);
      head.writeUInt16BE(value.length, 3);
      return Buffer.concat([head, value]);
    }),
  );
  const irb = Buffer.concat([
    Buffer.from("8BIM"),
    Buffer.from([0x04, 0x04, 0, 0]),
    Buffer.alloc(4),
    data.length % 2 ? Buffer.concat([data, Buffer.from([0])]) : data,
  ]);
  irb.writeUInt32BE(data.length, 8);
  const payload = Buffer.concat([Buffer.from("Photoshop 3.0\0"), irb]);
  const head = Buffer.from([0xff, 0xed, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** An SVG nesting `n` groups. */
export const deepSvg = (n: number) =>
  Buffer.from(`<svg ${SVG_NS}>${"<g>".repeat(n)}${"</g>".repeat(n)}</svg>`);

/** The smallest valid GLB: a 20-byte header and a JSON chunk, 4-byte aligned (27 bytes of JSON + 5 spaces). */
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
