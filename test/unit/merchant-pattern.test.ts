// Merchant patterns run in linear time: the catastrophic-backtracking shapes that stall JavaScript's engine for
// seconds or hours finish at once (a hang here would hit the test timeout), and patterns RE2 cannot run are
// refused when saved, with a reason the merchant can act on.
import { describe, expect, it } from "vitest";
import { formObject } from "~/lib/http.server";
import { patternProblem } from "~/lib/merchant-pattern";
import { coerceAttributeValue } from "~/pim/attribute-types";
import { attributeForm, attributeInput } from "~/pim/attributes.schema";
import { parseLinkFilename } from "~/sync/links.db.server";

const text = (pattern: string) => ({
  key: "code",
  type: "single_line_text" as const,
  validation: { pattern },
});

describe("merchant patterns", () => {
  it("validates attribute values with (a|aa)+ and (a+)+$ on long input without backtracking", () => {
    // On JavaScript's engine, 43 characters of `(a|aa)+` took 16 s; 50,000 would never finish.
    const long = `${"a".repeat(50_000)}b`;
    expect(coerceAttributeValue(text("(a|aa)+"), long)).toEqual({
      ok: false,
      error: "Does not match the expected format.",
    });
    expect(coerceAttributeValue(text("(a+)+$"), long).ok).toBe(false);
    expect(coerceAttributeValue(text("(a|aa)+"), "aaaa")).toMatchObject({
      ok: true,
    });
    // Whole-value match, as before: a partial match is not enough.
    expect(coerceAttributeValue(text("[A-Z]{2}"), "PTX").ok).toBe(false);
    expect(coerceAttributeValue(text("[A-Z]{2}"), "PT").ok).toBe(true);
  });

  it("matches file names with a hostile filename pattern in linear time, named groups included", () => {
    const name = `${"a".repeat(30_000)}!.jpg`;
    expect(parseLinkFilename(name, "^(?<sku>(a|aa)+)_(?<role>[a-z]+)$")).toBe(
      null,
    );
    expect(
      parseLinkFilename(
        "AW26-COAT-CAM-M_front_2.jpg",
        "^(?<sku>[A-Za-z0-9-]+)_(?<role>[a-z-]+)_(?<n>\\d+)\\.[A-Za-z0-9]+$",
      ),
    ).toEqual({ sku: "AW26-COAT-CAM-M", role: "FRONT", position: 1 });
  });

  it.each([
    ["(a)\\1", /invalid escape sequence/],
    ["^(?=SKU)\\w+", /unsupported Perl syntax/],
    ["[A-Z", /missing closing \]/],
    ["x".repeat(501), /at most 500 characters/],
  ])("refuses %s when it is saved", (pattern, reason) => {
    expect(patternProblem(pattern)).toMatch(reason);
    const form = attributeForm.safeParse(
      formObject(
        new URLSearchParams([
          ["key", "code"],
          ["label", "Code"],
          ["type", "single_line_text"],
          ["pattern", pattern],
        ]),
      ),
    );
    expect(form.success).toBe(false);
    expect(form.error?.issues[0]?.path).toEqual(["pattern"]);
    expect(
      attributeInput.safeParse({
        key: "code",
        labels: { en: "Code" },
        type: "single_line_text",
        validation: { pattern },
      }).success,
    ).toBe(false);
  });

  it("accepts the patterns merchants write", () => {
    for (const pattern of ["[A-Z]{2}", "\\d{13}", "(?i)^sku-[a-z0-9]+$"])
      expect(patternProblem(pattern)).toBeNull();
  });
});
