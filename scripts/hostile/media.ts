// The video, PDF and GLB part of the hostile-input corpus: MP4 headers that lie (moov at the end, durations that
// overflow, a zero timescale, a truncated mvhd), a PDF page flood, a truncated PDF, a GLB whose lengths lie.
import { glb, mp4 } from "./formats.ts";
import type { CorpusKit } from "./kit.ts";

export function mediaEdgeCases({ add }: CorpusKit): void {
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
  const badGlb = glb();
  badGlb.writeUInt32LE(0xffffffff, 8);
  badGlb.writeUInt32LE(0xffffffff, 12);
  add("glb-length-lie", "model.glb", badGlb, "either");
}
