// The raster part of the hostile-input corpus: pixel and decompression bombs; truncated, corrupt, polyglot and
// mislabelled files; hostile file names; hostile metadata (EXIF, IPTC, XMP).
import sharp from "sharp";
import { crc32, iptcSegment, pngChunk, withPngChunks } from "./formats.ts";
import type { CorpusKit } from "./kit.ts";

/** Pixel and decompression bombs. */
export async function bombs({
  base,
  jpeg,
  png,
  inflateBomb,
  add,
}: CorpusKit): Promise<void> {
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
}

/** Truncated, corrupt, polyglot and mislabelled files. */
export async function malformed({
  base,
  jpeg,
  png,
  inflateBomb,
  add,
}: CorpusKit): Promise<void> {
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
}

/** Hostile names: the content is a fine JPEG; each must be stored with a safe name. */
export async function hostileNames({ add }: CorpusKit): Promise<void> {
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
}

/** Hostile metadata. */
export async function hostileMetadata({
  base,
  jpeg,
  add,
}: CorpusKit): Promise<void> {
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
}
