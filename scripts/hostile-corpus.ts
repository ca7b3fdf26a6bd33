// The hostile-input corpus (issue #10): files an attacker or a careless merchant could upload, generated at test
// time (no binary fixtures in the repository). Each entry says what a correct service does with it: "accept" (a
// 2xx, stored), "refuse" (a 4xx with a plain message, nothing stored) or "either" (both are correct; never a 5xx).
// `npx tsx scripts/hostile-corpus.ts DIR` writes the corpus to DIR for manual probing.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { deflateSync } from "node:zlib";
import sharp from "sharp";

export type Expectation = "accept" | "refuse" | "either";

export interface HostileFile {
  /** Unique, for reports. */
  id: string;
  /** The name sent in the multipart part. */
  filename: string;
  data: Buffer;
  expect: Expectation;
  /** A substring the refusal must contain, when it is a refusal we wrote. */
  message?: RegExp;
}

const SVG_NS = 'xmlns="http://www.w3.org/2000/svg"';

function crc32(data: Buffer): number {
  let crc = ~0;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Inserts chunks right after IHDR (byte 33). */
const withPngChunks = (png: Buffer, ...chunks: Buffer[]) =>
  Buffer.concat([png.subarray(0, 33), ...chunks, png.subarray(33)]);

function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length);
  header.write(type, 4, "latin1");
  return Buffer.concat([header, body]);
}

/** An ISO-BMFF file: ftyp, then `middle` boxes, with a version-0 or -1 mvhd carrying `timescale` and `duration`. */
function mp4(options: {
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
function iptcSegment(records: Array<[number, string]>): Buffer {
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

const deep = (n: number) =>
  Buffer.from(`<svg ${SVG_NS}>${"<g>".repeat(n)}${"</g>".repeat(n)}</svg>`);

/** The whole corpus. Deterministic; takes about a second to build. */
export async function hostileCorpus(): Promise<HostileFile[]> {
  const base = () =>
    sharp({
      create: { width: 64, height: 48, channels: 3, background: "#3a6" },
    });
  const jpeg = await base().jpeg().toBuffer();
  const png = await base().png().toBuffer();
  const files: HostileFile[] = [];
  const add = (
    id: string,
    filename: string,
    data: Buffer,
    expectation: Expectation,
    message?: RegExp,
  ) => files.push({ id, filename, data, expect: expectation, message });

  // ── Well-formed files of every accepted format (the suite's control group) ──────────────────────────────────
  add("ok-jpeg", "ok.jpg", jpeg, "accept");
  add("ok-png", "ok.png", png, "accept");
  add("ok-webp", "ok.webp", await base().webp().toBuffer(), "accept");
  add("ok-gif", "ok.gif", await base().gif().toBuffer(), "accept");
  add("ok-tiff", "ok.tif", await base().tiff().toBuffer(), "accept");
  add("ok-avif", "ok.avif", await base().avif().toBuffer(), "accept");
  // A container with a movie header but no track: ffprobe finds no video in it (issue #15 refuses those).
  add(
    "mp4-no-track",
    "ok.mp4",
    mp4({ timescale: 1000, duration: 5000n }),
    "refuse",
    /no video track/,
  );
  add(
    "ok-pdf",
    "ok.pdf",
    Buffer.from(
      "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    ),
    "accept",
  );
  // GLB chunks are 4-byte aligned (the glTF validator refuses anything else): 27 bytes of JSON + 5 spaces.
  const json = Buffer.from('{"asset":{"version":"2.0"}}     ');
  const glbHeader = Buffer.alloc(20);
  glbHeader.write("glTF", 0, "ascii");
  glbHeader.writeUInt32LE(2, 4);
  glbHeader.writeUInt32LE(20 + json.length, 8);
  glbHeader.writeUInt32LE(json.length, 12);
  glbHeader.write("JSON", 16, "ascii");
  add("ok-glb", "ok.glb", Buffer.concat([glbHeader, json]), "accept");

  // ── Pixel and decompression bombs ────────────────────────────────────────────────────────────────────────────
  const bombPng = Buffer.from(png);
  bombPng.writeUInt32BE(50_000, 16);
  bombPng.writeUInt32BE(50_000, 20);
  bombPng.writeUInt32BE(crc32(bombPng.subarray(12, 29)), 29);
  add("bomb-png-header", "bomb.png", bombPng, "refuse", /MP/);
  const bombJpeg = Buffer.from(jpeg);
  const sof = bombJpeg.indexOf(Buffer.from([0xff, 0xc0]));
  bombJpeg.writeUInt16BE(65_000, sof + 5);
  bombJpeg.writeUInt16BE(65_000, sof + 7);
  add("bomb-jpeg-header", "bomb.jpg", bombJpeg, "refuse");
  const bombGif = Buffer.from(await base().gif().toBuffer());
  bombGif.writeUInt16LE(65_535, 6);
  bombGif.writeUInt16LE(65_535, 8);
  add("bomb-gif-screen", "bomb.gif", bombGif, "either");
  add(
    "bomb-png-deflate",
    "flat.png",
    await sharp({
      create: { width: 8000, height: 8000, channels: 3, background: "#000" },
    })
      .png({ compressionLevel: 9 })
      .toBuffer(),
    "either",
  );
  const inflateBomb = deflateSync(Buffer.alloc(256 * 1024 * 1024), {
    level: 9,
  });
  add(
    "bomb-png-iccp",
    "profile.png",
    withPngChunks(
      png,
      pngChunk("iCCP", Buffer.concat([Buffer.from("bomb\0\0"), inflateBomb])),
    ),
    "either",
  );
  add(
    "bomb-png-ztxt",
    "text.png",
    withPngChunks(
      png,
      pngChunk(
        "zTXt",
        Buffer.concat([Buffer.from("Comment\0\0"), inflateBomb]),
      ),
      pngChunk(
        "iTXt",
        Buffer.concat([
          Buffer.from("XML:com.adobe.xmp\0\x01\0\0\0"),
          inflateBomb,
        ]),
      ),
    ),
    "either",
  );

  // ── Truncated, corrupt, polyglot and mislabelled files ───────────────────────────────────────────────────────
  add(
    "truncated-jpeg",
    "cut.jpg",
    jpeg.subarray(0, Math.floor(jpeg.length / 2)),
    "refuse",
  );
  add("truncated-png", "cut.png", png.subarray(0, png.length - 20), "refuse");
  add("header-only-png", "header.png", png.subarray(0, 33), "refuse");
  add(
    "polyglot-jpeg-html",
    "poly.jpg",
    Buffer.concat([jpeg, Buffer.from("<html><script>alert(1)</script>")]),
    "either",
  );
  add(
    "polyglot-png-zip",
    "poly.png",
    Buffer.concat([png, Buffer.from("PK\x03\x04"), Buffer.alloc(200)]),
    "either",
  );
  add("png-named-jpg", "photo.jpg", png, "accept");
  add(
    "exe-named-jpg",
    "invoice.jpg",
    Buffer.concat([Buffer.from("MZ\x90\0"), Buffer.alloc(500)]),
    "refuse",
  );
  add(
    "html-named-svg",
    "page.svg",
    Buffer.from("<html><body><script>alert(1)</script></body></html>"),
    "refuse",
  );
  add("text-named-png", "notes.png", Buffer.from("just some text\n"), "refuse");
  add("empty", "empty.jpg", Buffer.alloc(0), "refuse", /empty/);
  add(
    "zip-bomb-as-upload",
    "images.zip",
    Buffer.concat([Buffer.from("PK\x03\x04\x14\0\0\0\x08\0"), inflateBomb]),
    "refuse",
  );
  const tiff = Buffer.from(await base().tiff().toBuffer());
  // First IFD's "next IFD" offset pointing back at itself: a looping TIFF.
  const ifd = tiff.readUInt32LE(4);
  const entries = tiff.readUInt16LE(ifd);
  tiff.writeUInt32LE(ifd, ifd + 2 + entries * 12);
  add("tiff-ifd-loop", "loop.tif", tiff, "either");
  // An animated PNG: acTL before IDAT.
  const actl = Buffer.alloc(8);
  actl.writeUInt32BE(1, 0);
  add("apng", "anim.png", withPngChunks(png, pngChunk("acTL", actl)), "accept");

  // ── Hostile names (the content is a fine JPEG; each must be stored with a safe name) ────────────────────────
  const names = [
    "size=M.jpg",
    "a;b=c.jpg",
    '"quoted".jpg',
    "../../../etc/passwd.jpg",
    "..\\..\\windows\\win.ini.jpg",
    "\u202Egpj.exe",
    "name\r\nX-Injected: 1.jpg",
    `${"long".repeat(120)}.jpg`,
    "emoji 😀 ünïcödé.jpg",
    ".hidden.jpg",
  ];
  for (const [i, name] of names.entries()) {
    // Distinct bytes per name, so none is a duplicate of another.
    const data = await sharp({
      create: { width: 40 + i, height: 30, channels: 3, background: "#a63" },
    })
      .jpeg()
      .toBuffer();
    add(`name-${i}`, name, data, "accept");
  }

  // ── Hostile metadata ─────────────────────────────────────────────────────────────────────────────────────────
  add(
    "exif-nul-and-control",
    "meta.jpg",
    await base()
      .jpeg()
      .withExif({
        IFD0: {
          Copyright: "Atelier\u0000\u0001 Test",
          Artist: "\u0000",
          Software: "x".repeat(5000),
        },
      })
      .toBuffer(),
    "accept",
  );
  add(
    "iptc-nul-keywords",
    "iptc.jpg",
    Buffer.concat([
      jpeg.subarray(0, 2),
      iptcSegment([
        [25, "coat\0wool"],
        [25, "\u0007bell"],
        [105, "Headline\0with NUL"],
      ]),
      jpeg.subarray(2),
    ]),
    "accept",
  );
  add(
    "xmp-script",
    "xmp.jpg",
    await base()
      .jpeg()
      .withXmp(
        `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">&lt;script&gt;alert(1)&lt;/script&gt;${"t".repeat(3000)}</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta>`,
      )
      .toBuffer(),
    "accept",
  );

  // ── SVG ──────────────────────────────────────────────────────────────────────────────────────────────────────
  add("svg-deep-20000", "deep.svg", deep(20_000), "refuse", /too complex/);
  add("svg-deep-4500", "deep2.svg", deep(4_500), "refuse", /too complex/);
  add(
    "svg-wide",
    "wide.svg",
    Buffer.from(`<svg ${SVG_NS}>${"<rect/>".repeat(30_000)}</svg>`),
    "refuse",
    /too complex/,
  );
  add(
    "svg-large",
    "large.svg",
    Buffer.from(
      `<svg ${SVG_NS}><desc>${"x".repeat(3 * 1024 * 1024)}</desc></svg>`,
    ),
    "refuse",
    /larger than/,
  );
  add(
    "svg-billion-laughs",
    "lol.svg",
    Buffer.from(
      `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><svg ${SVG_NS}><text>&d;</text></svg>`,
    ),
    "refuse",
    /entities/,
  );
  add(
    "svg-xxe",
    "xxe.svg",
    Buffer.from(
      `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg ${SVG_NS}><text>&x;</text></svg>`,
    ),
    "refuse",
  );
  add(
    "svg-filter-bomb",
    "filter.svg",
    Buffer.from(
      `<svg ${SVG_NS} width="10000" height="10000"><filter id="f" x="0" y="0" width="100%" height="100%"><feTurbulence baseFrequency="0.9" numOctaves="10"/><feGaussianBlur stdDeviation="50"/><feMorphology operator="dilate" radius="30"/></filter><rect width="10000" height="10000" filter="url(#f)"/></svg>`,
    ),
    "refuse",
    /too complex/,
  );
  add(
    "svg-huge-canvas",
    "canvas.svg",
    Buffer.from(
      `<svg ${SVG_NS} width="1000000" height="1000000"><rect width="10" height="10"/></svg>`,
    ),
    "refuse",
  );
  add(
    "svg-script",
    "logo.svg",
    Buffer.from(
      `<svg ${SVG_NS} xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="80" onload="alert(1)"><script>alert(1)</script><rect width="120" height="80" fill="#c33" onclick="x()"/><image href="http://169.254.169.254/latest/meta-data" width="9" height="9"/><foreignObject><iframe src="https://evil.example"/></foreignObject></svg>`,
    ),
    "accept",
  );
  add(
    "svg-bom-comment",
    "bom.svg",
    Buffer.from(
      `\uFEFF<!-- exported --><svg ${SVG_NS} width="20" height="20"><circle cx="10" cy="10" r="8"/></svg>`,
    ),
    "accept",
  );
  add(
    "svg-utf16",
    "utf16.svg",
    Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(
        `<?xml version="1.0" encoding="UTF-16"?><svg ${SVG_NS} width="20" height="30"><rect width="9" height="9"/></svg>`,
        "utf16le",
      ),
    ]),
    "accept",
  );

  // ── Video, PDF and GLB edge cases ────────────────────────────────────────────────────────────────────────────
  add(
    "mp4-moov-at-end",
    "late.mp4",
    mp4({
      timescale: 600,
      duration: 6000n,
      mdatBytes: 9 * 1024 * 1024,
      moovLast: true,
    }),
    "refuse",
    /no video track/,
  );
  add(
    "mp4-duration-overflow",
    "long.mp4",
    mp4({ version: 1, timescale: 1, duration: 2n ** 62n }),
    "either",
  );
  add(
    "mp4-timescale-zero",
    "zero.mp4",
    mp4({ timescale: 0, duration: 100n }),
    "refuse",
  );
  add(
    "mp4-truncated-mvhd",
    "cut.mp4",
    mp4({ timescale: 1000, duration: 1n, truncateMvhd: true }),
    "either",
  );
  add(
    "pdf-page-flood",
    "pages.pdf",
    Buffer.concat([
      Buffer.from("%PDF-1.4\n"),
      Buffer.from("<< /Type /Page >>\n".repeat(200_000)),
      Buffer.from("%%EOF\n"),
    ]),
    "either",
  );
  add(
    "pdf-truncated",
    "cut.pdf",
    Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catal"),
    "either",
  );
  const badGlb = Buffer.concat([glbHeader, json]);
  badGlb.writeUInt32LE(0xffffffff, 8);
  badGlb.writeUInt32LE(0xffffffff, 12);
  add("glb-length-lie", "model.glb", badGlb, "either");
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? "hostile-corpus";
  await mkdir(dir, { recursive: true });
  const files = await hostileCorpus();
  for (const file of files)
    await writeFile(path.join(dir, `${file.id}--${file.expect}`), file.data);
  console.log(`${files.length} files written to ${dir}`);
}
