// SVG uploads are sanitised before they are stored: an SVG is a document that can run script in a browser that
// opens it directly. DOMPurify (with jsdom as its DOM on the server) keeps only SVG elements and attributes,
// removing scripts, event handlers and foreignObject; external references are stripped on top of that.
import createDOMPurify from "dompurify";
import { JSDOM } from "jsdom";
import { Invalid } from "~/lib/errors";

const { window } = new JSDOM("");
const purify = createDOMPurify(
  window as unknown as Parameters<typeof createDOMPurify>[0],
);

// Only same-document fragment references (#id) survive in href/xlink:href; anything else (http:, data:, file:,
// javascript:) would fetch or run something when the SVG is rendered.
purify.addHook("uponSanitizeAttribute", (_node, data) => {
  if (
    (data.attrName === "href" || data.attrName === "xlink:href") &&
    !data.attrValue.trim().startsWith("#")
  )
    data.keepAttr = false;
  // url(...) inside style or presentation attributes can load external resources too.
  if (/url\s*\(\s*['"]?\s*(?!#)/i.test(data.attrValue)) data.keepAttr = false;
});

/** Looks like an SVG document (file-type does not detect text formats). */
export function looksLikeSvg(head: Buffer): boolean {
  const text = head
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trimStart();
  return /^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(
    text,
  );
}

/** Returns the sanitised SVG. Throws `Invalid` when nothing of an SVG is left. */
export function sanitizeSvg(data: Buffer): Buffer {
  const clean = purify.sanitize(data.toString("utf8"), {
    USE_PROFILES: { svg: true, svgFilters: true },
    FORBID_TAGS: ["style", "foreignObject", "script"],
  });
  if (!/^<svg[\s>]/i.test(clean.trim()))
    throw new Invalid("the SVG has no drawable content");
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n${clean}`,
    "utf8",
  );
}
