// Google feeds per target country and language (issue #15): the French feed carries the French title the
// merchant gave the product in Shopify (read back by the translation run), the French PIM material and French
// landing pages, while the default feed stays in the shop's language.
import { beforeAll, describe, expect, it } from "vitest";
import { approveProducts } from "~/pim/approval.db.server";
import { setUpApparelPim } from "~/pim/onboarding.server";
import { publishProductTranslations } from "~/pim/translations.server";
import { saveProductValues } from "~/pim/values.db.server";
import { loader as feedLoader } from "~/routes/feeds.$feed.$file";
import { adminClientFor } from "~/shopify/admin-client.server";
import { shopChannels } from "~/sync/channels/channels.db.server";
import { convergePair } from "~/sync/converge.server";
import { demoProduct, installDemoShop } from "../support/app-emulator";
import { DEMO_SHOP } from "../../emulator/seed/seed";
import { adminApi, testEmulator } from "../../emulator/testing";
import { createLinkedImage } from "../support/sync";

const emulator = testEmulator({ mediaProcessingMs: 20 });
let product: { id: string; gid: string; handle: string; title: string };
let token: string;

const feed = async (query: string) => {
  const response = await feedLoader({
    request: new Request(
      `https://app.example/feeds/google/${DEMO_SHOP}.xml?token=${token}${query}`,
    ),
    params: { feed: "google", file: `${DEMO_SHOP}.xml` },
    context: {},
  });
  return { status: response.status, xml: await response.text() };
};

/** The merchant translates the title in Shopify (Translate & Adapt does this). */
async function translateTitleInShopify(title: string) {
  const api = adminApi(emulator, DEMO_SHOP);
  const { data } = (await api(
    `query R($id: ID!) { translatableResource(resourceId: $id) { translatableContent { key digest } } }`,
    { id: product.gid },
  )) as {
    data: {
      translatableResource: {
        translatableContent: { key: string; digest: string }[];
      };
    };
  };
  const digest = data.translatableResource.translatableContent.find(
    (c) => c.key === "title",
  )!.digest;
  const registered = (await api(
    `mutation T($id: ID!, $t: [TranslationInput!]!) { translationsRegister(resourceId: $id, translations: $t) { userErrors { message } } }`,
    {
      id: product.gid,
      t: [
        {
          key: "title",
          locale: "fr",
          value: title,
          translatableContentDigest: digest,
        },
      ],
    },
  )) as { data: { translationsRegister: { userErrors: unknown[] } } };
  expect(registered.data.translationsRegister.userErrors).toEqual([]);
}

beforeAll(async () => {
  const ids = await installDemoShop(emulator, { locales: ["en", "fr"] });
  await setUpApparelPim(DEMO_SHOP);
  product = demoProduct(emulator, ids);
  await createLinkedImage(DEMO_SHOP, {
    filename: "coat-front.jpg",
    image: { width: 1000, height: 1250, packshot: true },
    productId: product.id,
    role: "FRONT",
  });
  await saveProductValues(
    DEMO_SHOP,
    product.id,
    [
      { attributeKey: "material_composition", input: "100% wool" },
      {
        attributeKey: "material_composition",
        locale: "fr",
        input: "100 % laine",
      },
    ],
    "merch",
  );
  await approveProducts(DEMO_SHOP, [product.id], "lead", {
    overrideReason: "Feed test",
  });
  await translateTitleInShopify("Manteau portefeuille");
  await publishProductTranslations(
    DEMO_SHOP,
    product.id,
    await adminClientFor(DEMO_SHOP),
  );
  await convergePair(DEMO_SHOP, product.id, "GOOGLE_MERCHANT");
  token = (await shopChannels(DEMO_SHOP)).google.config.feedToken;
});

describe("Google feeds per country and language", () => {
  it("serves the French feed with the French title, material and /fr/ landing pages", async () => {
    const { status, xml } = await feed("&country=FR&language=fr");
    expect(status).toBe(200);
    expect(xml).toContain("<title>Manteau portefeuille - ");
    expect(xml).not.toContain(`<title>${product.title} - `);
    expect(xml).toContain("<g:material>100 % laine</g:material>");
    expect(xml).toContain(`/fr/products/${product.handle}?variant=`);
    expect(xml).toContain("(fr-FR)");
  });

  it("keeps the default feed and the English one in the shop's language", async () => {
    for (const query of ["", "&country=GB&language=en"]) {
      const { status, xml } = await feed(query);
      expect(status).toBe(200);
      expect(xml).toContain(`<title>${product.title} - `);
      expect(xml).toContain("<g:material>100% wool</g:material>");
      expect(xml).not.toContain("/fr/products/");
    }
  });

  it("answers 404 for a language the shop does not publish and 400 for half a target", async () => {
    expect((await feed("&country=DE&language=de")).status).toBe(404);
    expect((await feed("&language=fr")).status).toBe(400);
    expect((await feed("&country=fr&language=fr")).status).toBe(400);
  });
});
