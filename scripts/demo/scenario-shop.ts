// The demo's first act: the PIM (apparel attributes and families, the catalogue import), the channels (a local
// marketplace receiver, the Meta catalogue feed), and the coats' attribute values filled in and approved. Everything
// goes through the app's own use cases, imported once the demo has set the app's environment.
import type { ChannelKind } from "../../app/channels/kinds.ts";
import { MarketplaceReceiver } from "../../emulator/marketplace/receiver.ts";

const COATS = 12;

export type Coat = Awaited<ReturnType<typeof findCoats>>[number];

export interface DemoShop {
  receiver: MarketplaceReceiver;
  metaFeedUrl: string;
  channels: ChannelKind[];
  coats: Coat[];
}

async function findCoats(shop: string) {
  const { default: db } = await import("../../app/db.server.ts");
  return db.product.findMany({
    where: { shop, productType: "Coats", status: "ACTIVE" },
    include: { variants: { orderBy: { position: "asc" } } },
    orderBy: { handle: "asc" },
    take: COATS,
  });
}

/** Sets up the PIM and every channel, imports the catalogue, and approves the values of the first dozen coats. */
export async function setUpDemoShop(
  shop: string,
  appUrl: string,
  actor: string,
  say: (message: string) => void,
): Promise<DemoShop> {
  const { setUpApparelPim, importCatalogue } =
    await import("../../app/pim/onboarding.server.ts");
  const { saveProductValues } =
    await import("../../app/pim/values.db.server.ts");
  const { approveAndPublish } =
    await import("../../app/pim/approval.server.ts");
  const {
    configureMarketplace,
    enabledChannels,
    feedSettings,
    setChannelEnabled,
  } = await import("../../app/sync/channels/channels.db.server.ts");
  const { feedUrl } = await import("../../app/sync/urls.server.ts");

  say(
    "PIM: apparel attributes and families, then the catalogue import (bulk operation)",
  );
  await setUpApparelPim(shop);
  const imported = await importCatalogue(shop);
  say(
    `imported ${imported.products} products and ${imported.variants} variants`,
  );

  const receiver = new MarketplaceReceiver(
    "vitrine-demo",
    "demo-marketplace-secret",
  );
  const marketplaceUrl = `${await receiver.listen()}/v1`;
  await configureMarketplace(shop, {
    url: marketplaceUrl,
    keyId: "vitrine-demo",
    secret: "demo-marketplace-secret",
  });
  say(`marketplace channel → ${marketplaceUrl} (signed PATCH per SKU)`);
  await setChannelEnabled(shop, "META_CATALOG", true);
  const metaFeedUrl = feedUrl(
    shop,
    { slug: "meta", extension: "csv" },
    (await feedSettings(shop, "META_CATALOG")).config.feedToken,
  ).replace(/^https?:\/\/[^/]+/, appUrl);
  say(`Meta catalogue channel → ${metaFeedUrl} (CSV data feed)`);
  const channels = await enabledChannels(shop);

  const coats = await findCoats(shop);
  // Issue #11: the feeds carry gender and age group from the PIM. Approval needs every attribute the family
  // requires on a channel (else a recorded reason), so the merchant fills those in too, then approves.
  say(
    `PIM: material, care, fit, origin, brand, gender and age group of the ${coats.length} coats, approved`,
  );
  for (const coat of coats)
    await saveProductValues(
      shop,
      coat.id,
      [
        { attributeKey: "material_composition", input: "70% wool, 30% alpaca" },
        { attributeKey: "care_instructions", input: "Dry clean only." },
        { attributeKey: "fit", input: "Regular" },
        { attributeKey: "country_of_origin", input: "PT" },
        { attributeKey: "brand", input: coat.vendor ?? "Vitrine" },
        { attributeKey: "gender", input: "female" },
        { attributeKey: "age_group", input: "adult" },
      ],
      actor,
    );
  await approveAndPublish(
    shop,
    coats.map((c) => c.id),
    actor,
  );
  return { receiver, metaFeedUrl, channels, coats };
}
