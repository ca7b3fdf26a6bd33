import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedFileUrl, verifyFileUrl } from "~/dam/file-urls.server";
import {
  closeSvgSandbox,
  looksLikeSvg,
  sanitizeSvg,
  SVG_LIMITS,
} from "~/dam/svg.server";

afterAll(() => closeSvgSandbox());
// The sandbox's first task starts its worker thread and loads jsdom and DOMPurify into it: seconds on a busy
// machine (`npm test` runs this step at nice 10 beside both integration runs), which no test here is about.
beforeAll(
  () => sanitizeSvg(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')),
  60_000,
);

const SVG_NS = 'xmlns="http://www.w3.org/2000/svg"';
const refusal = (message: RegExp) =>
  expect.objectContaining({
    name: "Invalid",
    message: expect.stringMatching(message),
  });

describe("SVG sanitising", () => {
  it("keeps drawing and internal references, drops script, handlers, external and javascript: links", async () => {
    const dirty =
      Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="x()">
      <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>
      <script>alert(1)</script>
      <rect width="10" height="10" fill="url(#g)" onmouseover="y()"/>
      <use href="#g"/><use xlink:href="http://evil.example/a.svg#b"/>
      <a href="javascript:alert(1)"><text>hi</text></a>
      <rect style="fill:url(http://evil.example/x)" width="1" height="1"/>
    </svg>`);

    const clean = (await sanitizeSvg(dirty)).toString();

    expect(clean).toContain('fill="url(#g)"');
    expect(clean).toContain('href="#g"');
    expect(clean).not.toMatch(
      /script|onload|onmouseover|evil\.example|javascript:/,
    );
  });

  it("refuses markup that is not an SVG document", async () => {
    await expect(
      sanitizeSvg(Buffer.from("<html><body>hi</body></html>")),
    ).rejects.toThrow(refusal(/no drawable content/));
  });

  it("refuses deep, huge, entity-declaring and malformed SVGs with a reason, off the event loop", async () => {
    const deep = (n: number) =>
      Buffer.from(`<svg ${SVG_NS}>${"<g>".repeat(n)}${"</g>".repeat(n)}</svg>`);
    await expect(sanitizeSvg(deep(20_000))).rejects.toThrow(
      refusal(
        /too complex to process safely \(more than 256 nested elements\)/,
      ),
    );
    // Just under the depth cap is fine.
    await expect(
      sanitizeSvg(deep(SVG_LIMITS.depth - 1)),
    ).resolves.toBeInstanceOf(Buffer);
    await expect(
      sanitizeSvg(
        Buffer.from(
          `<svg ${SVG_NS}>${"<g/>".repeat(SVG_LIMITS.elements + 1)}</svg>`,
        ),
      ),
    ).rejects.toThrow(refusal(/more than 10,000 elements/));
    await expect(
      sanitizeSvg(
        Buffer.from(
          `<svg ${SVG_NS}><desc>${"x".repeat(SVG_LIMITS.bytes)}</desc></svg>`,
        ),
      ),
    ).rejects.toThrow(refusal(/larger than 2 MB/));
    await expect(
      sanitizeSvg(
        Buffer.from(
          `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><svg ${SVG_NS}><text>&b;</text></svg>`,
        ),
      ),
    ).rejects.toThrow(refusal(/declares XML entities/));
    await expect(
      sanitizeSvg(Buffer.from(`<svg ${SVG_NS}><g></svg>`)),
    ).rejects.toThrow(refusal(/not valid XML/));
  });

  it("accepts a BOM with a leading comment, and UTF-16 with or without a BOM", async () => {
    const body = `<svg ${SVG_NS} width="10" height="10"><rect width="5" height="5"/></svg>`;
    const variants = [
      Buffer.from(`\uFEFF<!-- exported by an editor -->\n${body}`, "utf8"),
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(
          `<?xml version="1.0" encoding="UTF-16"?>${body}`,
          "utf16le",
        ),
      ]),
      Buffer.from(body, "utf16le").swap16(),
    ];
    for (const variant of variants) {
      expect(looksLikeSvg(variant)).toBe(true);
      const clean = (await sanitizeSvg(variant)).toString("utf8");
      expect(clean).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg/);
      expect(clean).toContain('<rect width="5" height="5">');
    }
  });

  it("recognises SVG with an XML declaration, comments or a doctype, and nothing else", () => {
    expect(
      looksLikeSvg(
        Buffer.from(
          '<?xml version="1.0"?>\n<!-- made by hand -->\n<svg width="1"/>',
        ),
      ),
    ).toBe(true);
    expect(
      looksLikeSvg(
        Buffer.from(
          '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg>',
        ),
      ),
    ).toBe(true);
    expect(looksLikeSvg(Buffer.from("<html><svg></svg></html>"))).toBe(false);
    expect(looksLikeSvg(Buffer.from("plain text"))).toBe(false);
  });
});

describe("signed file URLs", () => {
  const shop = "a.myshopify.com";
  const key = `renditions/${shop}/ab/${"ab".repeat(32)}/thumb.webp`;
  const params = (url: string) => new URL(url, "https://app.test").searchParams;

  it("verify for the shop and key they were signed for, until they expire", () => {
    const now = Date.UTC(2026, 11, 2, 10);
    const url = signedFileUrl(shop, key, "", now);
    expect(verifyFileUrl(params(url), now)).toEqual({
      shop,
      key,
      download: "",
    });
    expect(() => verifyFileUrl(params(url), now + 3 * 3600_000)).toThrow(
      expect.objectContaining({ name: "NotFound" }),
    );
  });

  it("reject another shop, another key, a changed download name and a key outside the signed shop", () => {
    const url = params(signedFileUrl(shop, key, "coat.jpg"));
    for (const [name, value] of [
      ["shop", "b.myshopify.com"],
      ["key", key.replace("thumb", "preview")],
      ["download", "other.jpg"],
    ] as const) {
      const forged = new URLSearchParams(url);
      forged.set(name, value);
      expect(() => verifyFileUrl(forged)).toThrow(
        expect.objectContaining({ name: "NotFound" }),
      );
    }
    const foreign = params(signedFileUrl(shop, "masters/b.myshopify.com/ab/x"));
    expect(() => verifyFileUrl(foreign)).toThrow(
      expect.objectContaining({ name: "NotFound" }),
    );
  });
});
