// The sync screens suite's shop (test/e2e/sync-screens.e2e.ts): the demo catalogue imported, a coat whose front
// packshot is live on the storefront, the Google feed and a marketplace, a Draft product with an image, and an
// image to link. `ids` holds what the suite looks for.
import { MarketplaceReceiver } from "../../emulator/marketplace/receiver";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";

export const SHOP = "vitrine-e2e-sync.myshopify.com";
export const receiver = new MarketplaceReceiver(
  "vitrine-e2e",
  "e2e-marketplace-secret",
);
export const ids = {
  coat: "",
  coatHandle: "",
  coatTitle: "",
  draft: "",
  coatFront: "",
  scarf: "",
};

export const packshot = (
  colour: number,
  family: "coat" | "accessory" = "coat",
) =>
  studioImage({
    family,
    colour: COLOURS[colour]!,
    width: 1000,
    height: 1250,
    packshot: true,
  });

export async function seed(): Promise<void> {
  const { default: db } = await import("~/db.server");
  const { importCatalogue, setUpApparelPim } =
    await import("~/pim/onboarding.server");
  const { ingestUpload } = await import("~/dam/ingest.server");
  const { approveVersion } = await import("~/dam/versions.server");
  const { linkAssets } = await import("~/sync/links.db.server");
  const { configureMarketplace } =
    await import("~/sync/channels/channels.db.server");
  await setUpApparelPim(SHOP);
  await importCatalogue(SHOP);
  await configureMarketplace(SHOP, {
    url: `${await receiver.listen()}/v1`,
    keyId: "vitrine-e2e",
    secret: "e2e-marketplace-secret",
  });
  const coat = await db.product.findFirstOrThrow({
    where: { shop: SHOP, productType: "Coats", status: "ACTIVE" },
    orderBy: { handle: "asc" },
  });
  const draft = await db.product.findFirstOrThrow({
    where: { shop: SHOP, status: "DRAFT" },
    orderBy: { handle: "asc" },
  });
  const approved = async (filename: string, data: Buffer) => {
    const result = await ingestUpload({
      shop: SHOP,
      filename,
      data,
      actor: "user:1",
    });
    if ("duplicateOf" in result) throw new Error(`${filename} is a duplicate`);
    await approveVersion({
      shop: SHOP,
      assetId: result.asset.id,
      versionId: result.version.id,
      actor: "user:1",
    });
    return result.asset.id;
  };
  ids.coat = coat.id;
  ids.coatHandle = coat.handle;
  ids.coatTitle = coat.title;
  ids.draft = draft.id;
  ids.coatFront = await approved("coat-front.jpg", await packshot(0));
  await linkAssets(SHOP, {
    assetIds: [ids.coatFront],
    productId: coat.id,
    role: "FRONT",
  });
  const draftFront = await approved("draft-front.jpg", await packshot(3));
  await linkAssets(SHOP, {
    assetIds: [draftFront],
    productId: draft.id,
    role: "FRONT",
  });
  ids.scarf = await approved("scarf.jpg", await packshot(5, "accessory"));
}
