// SVG uploads are sanitised before they are stored: an SVG is a document that can run script in a browser that
// opens it directly. DOMPurify (with jsdom as its DOM) keeps only SVG elements and attributes, removing scripts,
// event handlers and foreignObject; external references are stripped on top of that.
// An SVG is also untrusted work: it is parsed in a sandboxed worker thread (heap cap, deadline), after a cheap
// streaming scan there (saxes, linear) refuses documents that are too deep, too large or not XML — before jsdom
// builds a DOM, which costs ~270 MB per MB of SVG and recurses per nesting level.
import { createRequire } from "node:module";
import { Invalid } from "~/lib/errors";
import { closeSvgRaster } from "./svg-raster.server";
import {
  Sandbox,
  SandboxLimit,
  SandboxRefusal,
} from "~/lib/sandbox-thread.server";

export const SVG_LIMITS = {
  /** Bytes of an SVG file (after decoding to text it is at most this many characters). */
  bytes: 2 * 1024 * 1024,
  /** Nesting depth of elements. */
  depth: 256,
  /** Elements in the whole document. */
  elements: 10_000,
  /** Time and heap for the scan + sanitise of one SVG. */
  timeoutMs: 10_000,
  heapMb: 256,
};

// Runs inside the worker thread (CommonJS; `onTask` and `workerData` come from the sandbox prelude).
const SCRIPT = `
const { SaxesParser } = require(workerData.saxes);
const createDOMPurify = require(workerData.dompurify);
const { JSDOM } = require(workerData.jsdom);
// Not named "window": a top-level const of that name would be in its temporal dead zone while DOMPurify loads.
const dom = new JSDOM("");
const purify = createDOMPurify(dom.window);
// Only same-document fragment references (#id) survive in href/xlink:href; anything else (http:, data:, file:,
// javascript:) would fetch or run something when the SVG is rendered. url(...) in style or presentation
// attributes can load external resources too.
purify.addHook("uponSanitizeAttribute", (_node, data) => {
  if ((data.attrName === "href" || data.attrName === "xlink:href") && !data.attrValue.trim().startsWith("#"))
    data.keepAttr = false;
  if (/url\\s*\\(\\s*['"]?\\s*(?!#)/i.test(data.attrValue)) data.keepAttr = false;
});
function refuse(message) {
  const error = new Error(message);
  error.refusal = message;
  return error;
}
function scan(text, limits) {
  const parser = new SaxesParser();
  let depth = 0;
  let elements = 0;
  parser.on("doctype", (doctype) => {
    if (/<!ENTITY/i.test(doctype)) throw refuse("This SVG declares XML entities, which are not accepted.");
  });
  parser.on("opentag", () => {
    depth += 1;
    elements += 1;
    if (depth > limits.depth)
      throw refuse("This SVG is too complex to process safely (more than " + limits.depth.toLocaleString("en") + " nested elements).");
    if (elements > limits.elements)
      throw refuse("This SVG is too complex to process safely (more than " + limits.elements.toLocaleString("en") + " elements).");
  });
  parser.on("closetag", () => { depth -= 1; });
  parser.on("error", (error) => {
    throw refuse("This SVG is not valid XML (" + String(error.message).split("\\n")[0].slice(0, 120) + ").");
  });
  parser.write(text).close();
}
onTask(({ text, limits }) => {
  scan(text, limits);
  return purify.sanitize(text, {
    USE_PROFILES: { svg: true, svgFilters: true },
    // <use> is safe once its href is limited to #fragments (hook above); icons and sprites need it.
    ADD_TAGS: ["use"],
    FORBID_TAGS: ["style", "foreignObject", "script"],
  });
});
`;

let sandbox: Sandbox | undefined;
function svgSandbox(): Sandbox {
  if (sandbox) return sandbox;
  const require = createRequire(import.meta.url);
  sandbox = new Sandbox({
    script: SCRIPT,
    data: {
      saxes: require.resolve("saxes"),
      dompurify: require.resolve("dompurify"),
      jsdom: require.resolve("jsdom"),
    },
    timeoutMs: SVG_LIMITS.timeoutMs,
    maxHeapMb: SVG_LIMITS.heapMb,
    threads: 2,
  });
  return sandbox;
}

/** Stops the sanitiser's and the rasteriser's threads (tests and shutdown; the threads are unref'd, so this is optional). */
export async function closeSvgSandbox() {
  await sandbox?.close();
  sandbox = undefined;
  await closeSvgRaster();
}

/** The text of an SVG file: UTF-8 (with or without BOM) or UTF-16 (by BOM, or by the NUL pattern of `<`). */
export function svgText(data: Buffer): string {
  if (data[0] === 0xff && data[1] === 0xfe)
    return new TextDecoder("utf-16le").decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff)
    return new TextDecoder("utf-16be").decode(data.subarray(2));
  if (data[0] === 0x3c && data[1] === 0x00)
    return new TextDecoder("utf-16le").decode(data);
  if (data[0] === 0x00 && data[1] === 0x3c)
    return new TextDecoder("utf-16be").decode(data);
  return data.toString("utf8").replace(/^\uFEFF/, "");
}

/** Looks like an SVG document (file-type does not detect text formats). */
export function looksLikeSvg(head: Buffer): boolean {
  const text = svgText(head).trimStart();
  return /^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^[>]*(\[[\s\S]*?\])?\s*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(
    text,
  );
}

/** Returns the sanitised SVG (UTF-8). Throws `Invalid` with a merchant-readable reason when it is refused. */
export async function sanitizeSvg(data: Buffer): Promise<Buffer> {
  if (data.length > SVG_LIMITS.bytes)
    throw new Invalid(
      `This SVG is larger than ${SVG_LIMITS.bytes / 1024 / 1024} MB, too large to process safely.`,
    );
  let clean: string;
  try {
    clean = await svgSandbox().run<string>({
      text: svgText(data),
      limits: SVG_LIMITS,
    });
  } catch (error) {
    if (error instanceof SandboxRefusal)
      throw new Invalid(error.message, {}, { cause: error });
    if (error instanceof SandboxLimit)
      throw new Invalid(
        error.reason === "timeout"
          ? "This SVG is too complex to process safely (it took too long to check)."
          : "This SVG is too complex to process safely (it needs too much memory to check).",
        {},
        { cause: error },
      );
    throw error;
  }
  clean = clean.trim();
  if (!/^<svg[\s>]/i.test(clean))
    throw new Invalid("This SVG has no drawable content.");
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n${clean}`,
    "utf8",
  );
}
