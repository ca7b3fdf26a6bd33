// The demo shop speaks more than one language (issue #15): `npm run emulator` seeds English as the primary locale
// and French published, and a snapshot saved before locales were modelled comes back with them too (Shopify
// never answers `shopLocales: []`).
import { describe, expect, it } from "vitest";
import { DEMO_SHOP, seedShop } from "../../emulator/seed/seed";
import { adminApi, testEmulator } from "../../emulator/testing";

const LOCALES = `{ shopLocales { locale primary published } published: shopLocales(published: true) { locale } }`;

describe("the demo shop's locales", () => {
  it("seeds a primary locale and a published French one", async () => {
    const emulator = testEmulator();
    await seedShop(emulator, DEMO_SHOP, { factor: 0.01, images: false });
    const { data } = await adminApi(emulator, DEMO_SHOP)(LOCALES);
    expect(data.shopLocales).toEqual([
      { locale: "en", primary: true, published: true },
      { locale: "fr", primary: false, published: true },
    ]);
    expect(data.published).toHaveLength(2);
  });

  it("gives a snapshot saved without locales the primary and the French locale back", async () => {
    const saved = testEmulator();
    saved.addShop(DEMO_SHOP);
    const snapshot = saved.snapshot();
    for (const shop of snapshot.shops) shop.info.locales = [];
    const restored = testEmulator();
    restored.loadSnapshot(snapshot);
    const { data } = await adminApi(restored, DEMO_SHOP)(LOCALES);
    expect(data.shopLocales.map((l: { locale: string }) => l.locale)).toEqual([
      "en",
      "fr",
    ]);
    expect(
      data.shopLocales.find((l: { primary: boolean }) => l.primary).locale,
    ).toBe("en");
  });
});
