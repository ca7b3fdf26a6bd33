// One signing helper for every URL we hand out: signatures name their key, so rotating the signing secret keeps
// the URLs Google and the marketplace already hold working while the old key is listed as previous.
import { describe, expect, it } from "vitest";
import { keyringOf, signValue, verifyValue } from "~/lib/url-signing.server";

const OLD = "old-url-signing-secret-0123456789abcdef";
const NEW = "new-url-signing-secret-0123456789abcdef";
const VALUE = "atelier.myshopify.com/abc.google.v1.jpg";

describe("URL signing", () => {
  it("names the key in every signature and verifies with it", () => {
    const ring = keyringOf(NEW);
    const { kid, sig } = signValue(VALUE, ring);
    expect(kid).toMatch(/^[0-9a-f]{8}$/);
    expect(verifyValue(VALUE, sig, kid, ring)).toBe(true);
    expect(verifyValue(`${VALUE}x`, sig, kid, ring)).toBe(false);
    expect(verifyValue(VALUE, sig, "0badc0de", ring)).toBe(false);
  });

  it("keeps URLs signed with the previous secret valid after a rotation, and refuses them once it is dropped", () => {
    const before = signValue(VALUE, keyringOf(OLD));
    const rotated = keyringOf(NEW, [OLD]);
    expect(verifyValue(VALUE, before.sig, before.kid, rotated)).toBe(true);
    expect(signValue(VALUE, rotated).kid).not.toBe(before.kid);
    expect(verifyValue(VALUE, before.sig, before.kid, keyringOf(NEW))).toBe(
      false,
    );
  });

  it("accepts a URL without a key id (signed before key ids) under any known key, and no unknown key id", () => {
    const legacy = signValue(VALUE, keyringOf(OLD));
    const rotated = keyringOf(NEW, [OLD]);
    expect(verifyValue(VALUE, legacy.sig, null, rotated)).toBe(true);
    expect(verifyValue(VALUE, legacy.sig, "00000000", rotated)).toBe(false);
    expect(verifyValue(VALUE, legacy.sig, "", rotated)).toBe(false);
  });
});
