// Every market's language (issue #15): a French PIM value and French alt text reach the emulator's French
// storefront view through the worker (approval → storefront converges → the product's translation job), and a
// changed English source makes Shopify flag the French outdated until the next run registers it again.
import { AppProvider } from "@shopify/polaris";
import polarisTranslations from "@shopify/polaris/locales/en.json";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LanguagesCard } from "~/components/pim/languages-card";
import db from "~/db.server";
import { approveAndPublish } from "~/pim/approval.server";
import { publishProductValues } from "~/pim/publish.server";
import { translationOverview } from "~/pim/translation-status.server";
import { publishProductTranslations } from "~/pim/translations.server";
import { saveProductValues } from "~/pim/values.db.server";
import { adminClientFor } from "~/shopify/admin-client.server";
import { updateAssetDetails } from "~/dam/asset-details.db.server";
import { setMarketGallery } from "~/pim/market-galleries.db.server";
import { convergePair } from "~/sync/converge.server";
import { COLOURS } from "../../emulator/seed/catalogue";
import { createLinkedImage } from "../support/sync";
import { DEMO_SHOP, setUpFrenchShop } from "../support/translations";
import { eventually } from "../support/wait";

const stage = setUpFrenchShop();
const {
  storefront,
  appValues,
  materialTranslation,
  marketId,
  variantGallery,
  startWorkers,
  stopWorkers,
} = stage;
let productAsset: string;

describe("translations of PIM values and alt text", () => {
  it("publishes a French value and French alt text to the French storefront view", async () => {
    const asset = await createLinkedImage(DEMO_SHOP, {
      filename: "coat-front.jpg",
      image: { width: 800, height: 1000, packshot: true },
      altText: { en: "Wrap coat, front", fr: "Manteau croisé, face" },
      productId: stage.product.id,
      role: "FRONT",
    });
    productAsset = asset.assetId;
    await saveProductValues(
      DEMO_SHOP,
      stage.product.id,
      [
        { attributeKey: "material_composition", input: "70% wool, 30% alpaca" },
        {
          attributeKey: "material_composition",
          locale: "fr",
          input: "70 % laine, 30 % alpaga",
        },
      ],
      "merch",
    );
    await approveAndPublish(DEMO_SHOP, [stage.product.id], "lead", {
      overrideReason: "French launch",
    });

    const french = await eventually(
      () => storefront("fr"),
      (view) =>
        appValues(view).material_composition === "70 % laine, 30 % alpaga" &&
        view.media.some((m) => m.alt === "Manteau croisé, face"),
      {
        what: "the French value and alt text on /fr/products",
        timeoutMs: 45_000,
      },
    );
    expect(french.media.map((m) => m.alt)).toContain("Manteau croisé, face");
    const english = await storefront(null);
    expect(appValues(english).material_composition).toBe(
      "70% wool, 30% alpaca",
    );
    expect(english.media.map((m) => m.alt)).toContain("Wrap coat, front");

    // The run records what it read back once its writes are confirmed.
    const overview = await eventually(
      () => translationOverview(DEMO_SHOP, stage.product.id),
      (o) => o.rows.length === 2 && o.rows.every((r) => r.status === "LIVE"),
      { what: "both French translations recorded live" },
    );
    expect(overview.locales).toEqual(["fr"]);
    expect(overview.rows.map((r) => r.subject).sort()).toEqual(
      [`alt:${asset.assetId}`, "attribute:material_composition"].sort(),
    );
  });

  it("marks the French outdated when the English source changes, and registers it again", async () => {
    // The worker's own runs are stopped so each step below is observed on its own.
    await stopWorkers();
    const client = await adminClientFor(DEMO_SHOP);
    await saveProductValues(
      DEMO_SHOP,
      stage.product.id,
      [{ attributeKey: "material_composition", input: "80% wool, 20% alpaca" }],
      "merch",
    );
    await approveAndPublish(DEMO_SHOP, [stage.product.id], "lead", {
      overrideReason: "New composition",
    });
    await publishProductValues(DEMO_SHOP, stage.product.id, client, undefined, {
      force: true,
    });

    expect(await materialTranslation()).toEqual({
      value: "80% wool, 20% alpaca",
      translations: [{ value: "70 % laine, 30 % alpaga", outdated: true }],
    });
    const before = await translationOverview(DEMO_SHOP, stage.product.id);
    expect(
      before.rows.find((r) => r.subject === "attribute:material_composition")
        ?.status,
    ).toBe("OUTDATED");
    // The product page shows it.
    const html = renderToString(
      <AppProvider i18n={polarisTranslations}>
        <LanguagesCard translations={before} swatches={[]} />
      </AppProvider>,
    );
    expect(html).toContain("Outdated");
    expect(html).toContain("Value: material_composition");
    expect(html).toContain("70 % laine, 30 % alpaga");

    const run = await publishProductTranslations(
      DEMO_SHOP,
      stage.product.id,
      client,
    );
    expect(run).toMatchObject({ outcome: "published", registered: 1 });
    expect(await materialTranslation()).toEqual({
      value: "80% wool, 20% alpaca",
      translations: [{ value: "70 % laine, 30 % alpaga", outdated: false }],
    });
    const after = await translationOverview(DEMO_SHOP, stage.product.id);
    expect(
      after.rows.find((r) => r.subject === "attribute:material_composition"),
    ).toMatchObject({ status: "LIVE", source: "80% wool, 20% alpaca" });

    // Nothing changed since: a second run writes nothing.
    expect(
      await publishProductTranslations(DEMO_SHOP, stage.product.id, client),
    ).toMatchObject({ registered: 0, removed: 0 });
  });

  it("publishes a market's own gallery as a market-specific translation of the variant's gallery", async () => {
    const client = await adminClientFor(DEMO_SHOP);
    const variant = await db.variant.findFirstOrThrow({
      where: { shop: DEMO_SHOP, productId: stage.product.id },
      orderBy: { position: "asc" },
    });
    const own = await createLinkedImage(DEMO_SHOP, {
      filename: "coat-campaign.jpg",
      image: {
        colour: COLOURS[1]!,
        width: 800,
        height: 1000,
        label: "campaign",
      },
      productId: stage.product.id,
      variantIds: [variant.id],
      role: "FRONT",
    });
    await convergePair(DEMO_SHOP, stage.product.id, "SHOPIFY_STOREFRONT");
    const france = await marketId("France");
    // France sees the product-level image first, then the variant's own.
    await setMarketGallery(DEMO_SHOP, {
      productId: stage.product.id,
      variantId: variant.id,
      marketId: france,
      assetIds: [productAsset, own.assetId],
    });
    const run = await publishProductTranslations(
      DEMO_SHOP,
      stage.product.id,
      client,
    );
    expect(run.registered).toBe(1);

    const files = await db.shopifyFile.findMany({
      where: { shop: DEMO_SHOP, assetId: { in: [productAsset, own.assetId] } },
    });
    const fileOf = (assetId: string) =>
      files.find((f) => f.assetId === assetId)!.fileGid;
    const gallery = () => variantGallery(variant.shopifyId, france);
    const shown = await gallery();
    expect(JSON.parse(shown.value)).toEqual([fileOf(own.assetId)]);
    expect(shown.everywhere).toEqual([]);
    expect(shown.market).toHaveLength(1);
    expect(JSON.parse(shown.market[0]!.value)).toEqual([
      fileOf(productAsset),
      fileOf(own.assetId),
    ]);
    expect(shown.market[0]!.outdated).toBe(false);

    // Without a market gallery the market-specific translation is removed.
    await setMarketGallery(DEMO_SHOP, {
      productId: stage.product.id,
      variantId: variant.id,
      marketId: france,
      assetIds: [],
    });
    expect(
      await publishProductTranslations(DEMO_SHOP, stage.product.id, client),
    ).toMatchObject({ removed: 1 });
    expect((await gallery()).market).toEqual([]);
  });

  it("follows an alt text edit in the DAM: Shopify's alt is replaced and the French registered again", async () => {
    startWorkers();
    await updateAssetDetails(
      DEMO_SHOP,
      productAsset,
      {
        altText: {
          en: "Wrap coat, front view",
          fr: "Manteau croisé, vue de face",
        },
      },
      "user:1",
    );
    await eventually(
      () => translationOverview(DEMO_SHOP, stage.product.id),
      (o) =>
        o.rows.some(
          (r) =>
            r.subject === `alt:${productAsset}` &&
            r.status === "LIVE" &&
            r.value === "Manteau croisé, vue de face" &&
            r.source === "Wrap coat, front view",
        ),
      { what: "the new French alt text live", timeoutMs: 45_000 },
    );
    expect((await storefront(null)).media.map((m) => m.alt)).toContain(
      "Wrap coat, front view",
    );
    expect((await storefront("fr")).media.map((m) => m.alt)).toContain(
      "Manteau croisé, vue de face",
    );
  });
});
