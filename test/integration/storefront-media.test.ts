// Publishing images to Shopify through the store emulator: create, wait for READY, reference from a product,
// point variants at them, and replace in place — the path a replaced DAM image takes to the storefront.
import { beforeAll, describe, expect, it } from "vitest";
import {
  adminClientFor,
  type AdminClient,
} from "~/shopify/admin-client.server";
import {
  createFiles,
  deleteFiles,
  stageUpload,
  updateFiles,
  waitForFiles,
} from "~/sync/storefront/shopify-media.server";
import {
  productMedia,
  setVariantImages,
} from "~/sync/storefront/shopify-product-media.server";
import { connectAppTo } from "../support/app-emulator";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import { DEMO_SHOP, seedShop } from "../../emulator/seed/seed";
import { testEmulator } from "../../emulator/testing";
import { storeOfflineSessionWithToken } from "../support/shopify";

const emulator = testEmulator({ mediaProcessingMs: 30 });
let client: AdminClient;
let product: { id: string; handle: string; variants: string[] };

async function storefront() {
  const response = await emulator.handle(
    new Request(`https://${DEMO_SHOP}/products/${product.handle}.js`),
  );
  return (await response.json()) as {
    images: string[];
    variants: { id: number; featured_image: { src: string } | null }[];
  };
}

beforeAll(async () => {
  await seedShop(emulator, DEMO_SHOP, { factor: 0.02, images: false });
  connectAppTo(emulator);
  await storeOfflineSessionWithToken(
    DEMO_SHOP,
    emulator.issueAccessToken(DEMO_SHOP),
  );
  client = await adminClientFor(DEMO_SHOP);
  const seeded = [...emulator.shop(DEMO_SHOP).products.values()].find(
    (p) => p.status === "ACTIVE" && p.variantIds.length >= 4,
  )!;
  product = {
    id: seeded.id,
    handle: seeded.handle,
    variants: seeded.variantIds,
  };
});

describe("publishing images to the Shopify storefront", () => {
  let fileId: string;

  it("creates a file from a staged upload, references it from the product and shows it on variants", async () => {
    const bytes = await studioImage({
      family: "coat",
      colour: COLOURS[0]!,
      width: 800,
      height: 1000,
      label: "v1",
    });
    const resourceUrl = await stageUpload(client, {
      filename: "aw26-coa-front.jpg",
      mimeType: "image/jpeg",
      bytes,
    });
    fileId = (
      await createFiles(client, [
        { resourceUrl, filename: "aw26-coa-front.jpg", alt: "Front" },
      ])
    )[0]!;
    const [state] = await waitForFiles(client, [fileId!]);
    expect(state).toMatchObject({
      status: "READY",
      url: expect.stringContaining("aw26-coa-front.jpg?v="),
    });

    await updateFiles(client, [{ id: fileId!, referencesToAdd: [product.id] }]);
    const current = (await productMedia(client, product.id)).variantMedia;
    const wanted = new Map(
      product.variants.slice(0, 3).map((variant) => [variant, fileId!]),
    );
    expect(await setVariantImages(client, product.id, wanted, current)).toBe(3);

    const view = await storefront();
    expect(view.images).toEqual([state!.url]);
    expect(view.variants.slice(0, 3).map((v) => v.featured_image?.src)).toEqual(
      [state!.url, state!.url, state!.url],
    );
    expect(
      await setVariantImages(
        client,
        product.id,
        wanted,
        (await productMedia(client, product.id)).variantMedia,
      ),
    ).toBe(0);
  });

  it("replaces the file in place: same id, every variant shows the new version once READY", async () => {
    const before = (await storefront()).variants[0]!.featured_image!.src;
    const bytes = await studioImage({
      family: "coat",
      colour: COLOURS[0]!,
      width: 800,
      height: 1000,
      label: "v2",
    });
    const resourceUrl = await stageUpload(client, {
      filename: "aw26-coa-front-v2.jpg",
      mimeType: "image/jpeg",
      bytes,
    });
    await updateFiles(client, [{ id: fileId, originalSource: resourceUrl }]);
    // Until processing finishes the storefront keeps the previous version.
    expect((await storefront()).variants[0]!.featured_image!.src).toBe(before);

    const [state] = await waitForFiles(client, [fileId]);
    const after = (await storefront()).variants
      .slice(0, 3)
      .map((v) => v.featured_image!.src);
    expect(state!.id).toBe(fileId);
    expect(after).toEqual([state!.url, state!.url, state!.url]);
    expect(new URL(state!.url!).pathname).toBe(new URL(before).pathname);
    expect(state!.url).not.toBe(before);
  });

  it("moves variants to another file (detach, then append) and deletes the old one", async () => {
    const png = await studioImage({
      family: "coat",
      colour: COLOURS[1]!,
      width: 800,
      height: 1000,
      format: "png",
    });
    const resourceUrl = await stageUpload(client, {
      filename: "aw26-coa-front.png",
      mimeType: "image/png",
      bytes: png,
    });
    const [newId] = await createFiles(client, [
      { resourceUrl, filename: "aw26-coa-front.png", alt: "Front" },
    ]);
    await waitForFiles(client, [newId!]);
    await updateFiles(client, [{ id: newId!, referencesToAdd: [product.id] }]);
    const wanted = new Map(
      product.variants.slice(0, 3).map((variant) => [variant, newId!]),
    );
    await setVariantImages(
      client,
      product.id,
      wanted,
      (await productMedia(client, product.id)).variantMedia,
    );
    await deleteFiles(client, [fileId]);

    const view = await storefront();
    expect(view.images).toHaveLength(1);
    expect(view.variants[0]!.featured_image!.src).toMatch(
      /aw26-coa-front\.png\?v=/,
    );
  });

  it("reports a file whose processing failed", async () => {
    const resourceUrl = await stageUpload(client, {
      filename: "broken.jpg",
      mimeType: "image/jpeg",
      bytes: Buffer.from("not a jpeg"),
    });
    const [id] = await createFiles(client, [
      { resourceUrl, filename: "broken.jpg", alt: "" },
    ]);
    expect((await waitForFiles(client, [id!]))[0]).toMatchObject({
      status: "FAILED",
      error: expect.stringMatching(/IMAGE_PROCESSING_FAILURE/),
    });
  });
});
