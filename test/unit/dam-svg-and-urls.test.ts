import { describe, expect, it } from "vitest";
import { signedFileUrl, verifyFileUrl } from "~/dam/file-urls.server";
import { looksLikeSvg, sanitizeSvg } from "~/dam/svg.server";

describe("SVG sanitising", () => {
  it("keeps drawing and internal references, drops script, handlers, external and javascript: links", () => {
    const dirty =
      Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="x()">
      <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>
      <script>alert(1)</script>
      <rect width="10" height="10" fill="url(#g)" onmouseover="y()"/>
      <use href="#g"/><use xlink:href="http://evil.example/a.svg#b"/>
      <a href="javascript:alert(1)"><text>hi</text></a>
      <rect style="fill:url(http://evil.example/x)" width="1" height="1"/>
    </svg>`);

    const clean = sanitizeSvg(dirty).toString();

    expect(clean).toContain('fill="url(#g)"');
    expect(clean).toContain('href="#g"');
    expect(clean).not.toMatch(
      /script|onload|onmouseover|evil\.example|javascript:/,
    );
  });

  it("refuses markup that is not an SVG document", () => {
    expect(() =>
      sanitizeSvg(Buffer.from("<html><body>hi</body></html>")),
    ).toThrow(expect.objectContaining({ name: "Invalid" }));
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
