import { describe, expect, it } from "vitest";
import { supportedLocale, translate } from "~/i18n";

describe("i18n catalogue", () => {
  it("fills placeholders", () => {
    expect(translate("en", "dashboard.welcome", { shop: "Atelier" })).toBe(
      "Welcome to Vitrine, Atelier",
    );
  });

  it("falls back to English for a locale without a catalogue", () => {
    expect(supportedLocale("fr-CA")).toBe("en");
    expect(translate("fr-CA", "app.nav.assets")).toBe("Assets");
  });

  it("leaves an unknown placeholder visible rather than printing undefined", () => {
    expect(translate("en", "dashboard.welcome")).toBe(
      "Welcome to Vitrine, {shop}",
    );
  });
});
