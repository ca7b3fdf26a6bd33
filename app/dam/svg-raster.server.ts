// SVGs are rasterised in a child process that is killed at a deadline. librsvg draws a whole SVG in one native
// call that neither sharp's `timeout` nor terminating a worker thread can interrupt (a 659-byte filter bomb kept a
// libuv thread busy for 30 s past its "timeout"); only a process can be stopped. The child reads the SVG on stdin
// and writes a PNG on stdout; it costs ~150 ms to start, and SVG uploads are rare.
// Starting a process blocks the thread that starts it (fork + exec: 40–100 ms for the web process, more on a loaded
// machine), so the child is started and watched from a worker thread, never from the event loop serving requests.
import { createRequire } from "node:module";
import { Sandbox } from "~/lib/sandbox-thread.server";

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

// Runs inside the worker thread (CommonJS; `onTask` and `workerData` come from the sandbox prelude). Answers
// { png } | { timedOut: true } | { failed: message }.
const SPAWNER = `
const { spawn } = require("node:child_process");
onTask(({ svg, options, env }) => new Promise((resolve) => {
  const child = spawn(process.execPath, ["-e", workerData.child], {
    env: { ...env, VITRINE_SHARP: workerData.sharp, VITRINE_RASTER: JSON.stringify(options) },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const out = [];
  let err = "";
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, options.deadlineSeconds * 1000);
  child.stdout.on("data", (chunk) => out.push(chunk));
  child.stderr.on("data", (chunk) => {
    if (err.length < 2000) err += chunk.toString("utf8");
  });
  child.stdin.on("error", () => undefined);
  child.on("error", (error) => {
    clearTimeout(timer);
    resolve({ failed: String(error && error.message) });
  });
  child.on("close", (code) => {
    clearTimeout(timer);
    if (timedOut) resolve({ timedOut: true });
    else if (code === 0) resolve({ png: Buffer.concat(out) });
    else resolve({ failed: err.trim() || "exit " + code });
  });
  child.stdin.end(Buffer.from(svg.buffer, svg.byteOffset, svg.byteLength));
}));
`;

export interface RasterOptions {
  density?: number;
  side: number;
  limitInputPixels: number;
  deadlineSeconds: number;
}

let spawner: Sandbox | undefined;
function rasterSpawner(): Sandbox {
  spawner ??= new Sandbox({
    script: SPAWNER,
    data: {
      child: CHILD,
      sharp: createRequire(import.meta.url).resolve("sharp"),
    },
    // The thread only waits for its child, which it kills at the task's own deadline: this is a backstop.
    timeoutMs: 5 * 60_000,
    maxHeapMb: 64,
    threads: 2,
  });
  return spawner;
}

/** Stops the spawner's threads (tests and shutdown; they are unref'd while idle, so this is optional). */
export async function closeSvgRaster() {
  await spawner?.close();
  spawner = undefined;
}

/** The SVG as a PNG at most `side` px on its longest side. Rejects with SvgRasterTimeout or SvgRasterFailed. */
export async function rasteriseSvg(
  svg: Buffer,
  options: RasterOptions,
): Promise<Buffer> {
  const answer = await rasterSpawner().run<{
    png?: Uint8Array;
    timedOut?: boolean;
    failed?: string;
  }>({
    svg,
    options,
    env: { NODE_ENV: process.env.NODE_ENV, PATH: process.env.PATH ?? "" },
  });
  if (answer.timedOut) throw new SvgRasterTimeout(options.deadlineSeconds);
  if (!answer.png) throw new SvgRasterFailed(answer.failed ?? "no image");
  return Buffer.from(
    answer.png.buffer,
    answer.png.byteOffset,
    answer.png.byteLength,
  );
}
