// Every HTML page carries a frame-ancestors CSP, so no site but Shopify's admin can frame Vitrine (clickjacking),
// including pages reached without `?shop=` where the Shopify library sets none.
import { describe, expect, it } from "vitest";
import { addDocumentHeaders } from "~/web/document-headers.server";

const cspFor = (url: string) => {
  const headers = new Headers();
  addDocumentHeaders(new Request(url), headers);
  return headers.get("Content-Security-Policy");
};

describe("document headers", () => {
  it("names the shop's admin when the URL carries the shop", () => {
    const csp = cspFor(
      "https://app.example/app?shop=atelier.myshopify.com&host=abc",
    );
    expect(csp).toMatch(/^frame-ancestors /);
    expect(csp).toContain("https://atelier.myshopify.com");
    expect(csp).toContain("https://admin.shopify.com");
  });

  it.each([
    "https://app.example/auth/login",
    "https://app.example/app/products",
    "https://app.example/app?shop=not%20a%20shop",
  ])("lets only Shopify's admin frame %s", (url) => {
    const csp = cspFor(url);
    expect(csp).toMatch(/^frame-ancestors https:\/\/admin\.shopify\.com /);
    expect(csp).not.toMatch(/\*(?!\.spin\.dev)|'none'|myshopify\.com/);
  });
});
