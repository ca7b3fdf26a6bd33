// The hostile-input corpus (issue #10): files an attacker or a careless merchant could upload, generated at test
// time (no binary fixtures in the repository). Each entry says what a correct service does with it: "accept" (a
// 2xx, stored), "refuse" (a 4xx with a plain message, nothing stored) or "either" (both are correct; never a 5xx).
// `npx tsx scripts/hostile-corpus.ts DIR` writes the corpus to DIR for manual probing.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { glb, mp4 } from "./hostile/formats.ts";
import { corpusKit, type HostileFile } from "./hostile/kit.ts";
import { hostileSvg } from "./hostile/svg.ts";
import { mediaEdgeCases } from "./hostile/media.ts";
import {
  bombs,
  hostileMetadata,
  hostileNames,
  malformed,
} from "./hostile/raster.ts";

export type { Expectation, HostileFile } from "./hostile/kit.ts";

/** The whole corpus. Deterministic; takes about a second to build. */
export async function hostileCorpus(): Promise<HostileFile[]> {
  const files: HostileFile[] = [];
  const kit = await corpusKit(files);
  const { base, jpeg, png, add } = kit;

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
  // GLB chunks are 4-byte aligned (the glTF validator refuses anything else).
  add("ok-glb", "ok.glb", glb(), "accept");

  await bombs(kit);
  await malformed(kit);
  await hostileNames(kit);
  await hostileMetadata(kit);
  hostileSvg(kit);
  mediaEdgeCases(kit);
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
