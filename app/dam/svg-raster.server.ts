// SVGs are rasterised in a child process that is killed at a deadline. librsvg draws a whole SVG in one native
// call that neither sharp's `timeout` nor terminating a worker thread can interrupt (a 659-byte filter bomb kept a
// libuv thread busy for 30 s past its "timeout"); only a process can be stopped. The child reads the SVG on stdin
// and writes a PNG on stdout; it costs ~150 ms to start, and SVG uploads are rare.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

export class SvgRasterTimeout extends Error {
  constructor(readonly seconds: number) {
    super(`SVG rasterisation stopped after ${seconds} s`);
  }
}

export class SvgRasterFailed extends Error {}

const CHILD = `
const sharp = require(process.env.VITRINE_SHARP);
sharp.cache(false);
sharp.concurrency(1);
const options = JSON.parse(process.env.VITRINE_RASTER);
const chunks = [];
process.stdin.on("data", (chunk) => chunks.push(chunk));
process.stdin.on("end", () => {
  sharp(Buffer.concat(chunks), { density: options.density, limitInputPixels: options.limitInputPixels, failOn: "error" })
    .resize(options.side, options.side, { fit: "inside", withoutEnlargement: true })
    .png({ compressionLevel: 1 })
    .toBuffer()
    .then((png) => process.stdout.write(png, () => process.exit(0)))
    .catch((error) => { process.stderr.write(String(error && error.message)); process.exit(1); });
});
`;

let sharpPath: string | undefined;

export interface RasterOptions {
  density?: number;
  side: number;
  limitInputPixels: number;
  deadlineSeconds: number;
}

/** The SVG as a PNG at most `side` px on its longest side. Rejects with SvgRasterTimeout or SvgRasterFailed. */
export function rasteriseSvg(
  svg: Buffer,
  options: RasterOptions,
): Promise<Buffer> {
  sharpPath ??= createRequire(import.meta.url).resolve("sharp");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", CHILD], {
      env: {
        NODE_ENV: process.env.NODE_ENV,
        PATH: process.env.PATH ?? "",
        VITRINE_SHARP: sharpPath as string,
        VITRINE_RASTER: JSON.stringify({
          density: options.density,
          side: options.side,
          limitInputPixels: options.limitInputPixels,
        }),
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    let err = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.deadlineSeconds * 1000);
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => {
      if (err.length < 2000) err += chunk.toString("utf8");
    });
    child.stdin.on("error", () => undefined);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (timedOut) reject(new SvgRasterTimeout(options.deadlineSeconds));
      else if (code === 0) resolve(Buffer.concat(out));
      else reject(new SvgRasterFailed(err.trim() || `exit ${code}`));
    });
    child.stdin.end(svg);
  });
}
