// Staging a launch's storefront media in bulk (issue #14): the files are created, attached to their hidden product
// and shown on its variants by bulk mutations, recorded as the per-pair path records them, so the storefront pair
// run that follows reads Shopify back and finds nothing left to upload. A product whose bulk line fails is named
// and left to the per-pair path, which stages it the ordinary way. Until a launch's bulk step has run (before
// staging, and while it stages), that path leaves the uploads of the launch's products to it: linking a season's
// images costs no per-image Admin API call.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { closeLocks } from "~/sync/locks.server";
import {
  endStorefrontBulk,
  stageStorefrontWave,
} from "~/launch/bulk-stage-launch.server";
import { stageMediaInBulk } from "~/launch/bulk-stage.server";
import { createLaunch, stageLaunch } from "~/launch/launch.server";
import { adminClientFor } from "~/shopify/admin-client.server";
import { convergePair } from "~/sync/converge.server";
import { linkAssets } from "~/sync/links.db.server";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import { DEMO_SHOP } from "../../emulator/seed/seed";
import { testEmulator } from "../../emulator/testing";
import { seedDraftSeason } from "../support/launch-season";
import { createAsset } from "../support/sync";

const emulator = testEmulator({ mediaProcessingMs: 30, bulkOperationMs: 30 });
const state = () => emulator.shop(DEMO_SHOP);

interface Drop {
  id: string;
  gid: string;
  assets: string[];
}
let drops: Drop[];

async function linkShots(drop: Drop, index: number) {
  for (const role of ["FRONT", "BACK"] as const) {
    const { assetId } = await createAsset(
      DEMO_SHOP,
      `drop-${index}-${role}.jpg`,
      await studioImage({
        family: "coat",
        colour: COLOURS[index % COLOURS.length]!,
        width: 1000,
        height: 1250,
        label: `${index} ${role}`,
        packshot: true,
        format: "jpeg",
      }),
    );
    // The back view is the first variant's own image (a variant link); the front is the product's.
    const variant = await db.variant.findFirstOrThrow({
      where: { shop: DEMO_SHOP, productId: drop.id },
      orderBy: { position: "asc" },
    });
    await linkAssets(DEMO_SHOP, {
      assetIds: [assetId],
      productId: drop.id,
      variantIds: role === "BACK" ? [variant.id] : [],
      role,
    });
    drop.assets.push(assetId);
  }
}

const storefront = (productId: string) =>
  db.syncState.findFirstOrThrow({
    where: { shop: DEMO_SHOP, productId, channel: "SHOPIFY_STOREFRONT" },
  });

const fileRows = (drop: Drop) =>
  db.shopifyFile.findMany({
    where: { shop: DEMO_SHOP, assetId: { in: drop.assets } },
  });

beforeAll(async () => {
  const { drafts: hidden, ids } = await seedDraftSeason(emulator, 4);
  await db.channel.create({
    data: {
      shop: DEMO_SHOP,
      kind: "SHOPIFY_STOREFRONT",
      enabled: true,
      config: {},
    },
  });
  drops = hidden.map((p) => ({ id: ids.get(p.id)!, gid: p.id, assets: [] }));
  // The fourth is a launch's, linked in its test.
  for (const [i, drop] of drops.slice(0, 3).entries()) await linkShots(drop, i);
});

afterAll(async () => {
  await closeLocks();
});

describe("bulk staging of a launch's storefront media", () => {
  it("creates, attaches and links every image in bulk, and the pair run then finds nothing to upload", async () => {
    const [first, second] = drops as [Drop, Drop, Drop];
    // The second product's file creation fails once in the bulk result.
    emulator.setFaults(DEMO_SHOP, {
      bulkMutation: {
        failIds: [second.assets[0]!.toLowerCase()],
        message: "Internal error creating the file.",
        times: 1,
      },
    });
    const client = await adminClientFor(DEMO_SHOP);
    const outcome = await stageMediaInBulk(
      DEMO_SHOP,
      client,
      [first.id, second.id],
      "test",
    );
    expect(outcome.staged).toEqual([first.id]);
    expect([...outcome.failed]).toEqual([
      [second.id, "Internal error creating the file."],
    ]);
    expect(await fileRows(second)).toEqual([]);

    // Recorded as read back: each file holds its version, READY, on the hidden product and its variants.
    const rows = await fileRows(first);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.versionId).not.toBeNull();
      expect(row.pendingVersionId).toBeNull();
    }
    const product = state().products.get(first.gid)!;
    expect(product.status).toBe("DRAFT");
    const fileGids = rows.map((r) => r.fileGid).sort();
    expect([...product.mediaIds].sort()).toEqual(fileGids);
    const back = rows.find((r) => r.assetId === first.assets[1])!;
    expect(state().variants.get(product.variantIds[0]!)!.mediaIds).toEqual([
      back.fileGid,
    ]);

    // The ordinary pair run reads Shopify back: no upload for the first product (only the variant gallery
    // metafield, which bulk staging leaves to it), observed hidden …
    const files = state().files.size;
    await expect(
      convergePair(DEMO_SHOP, first.id, "SHOPIFY_STOREFRONT"),
    ).resolves.toMatchObject({ outcome: "repaired" });
    expect(state().files.size).toBe(files);
    expect(await storefront(first.id)).toMatchObject({ status: "NOT_LISTED" });
    expect((await fileRows(first)).map((r) => r.fileGid).sort()).toEqual(
      fileGids,
    );
    // … and the failed one is staged on its own by it.
    await expect(
      convergePair(DEMO_SHOP, second.id, "SHOPIFY_STOREFRONT"),
    ).resolves.toMatchObject({ outcome: "repaired" });
    expect(await storefront(second.id)).toMatchObject({ status: "NOT_LISTED" });
    expect(await fileRows(second)).toHaveLength(2);
    expect(state().files.size).toBe(files + 2);
    expect(state().products.get(second.gid)!.mediaIds).toHaveLength(2);
  });

  it("is idempotent: products whose images have files already are left to the pair runs", async () => {
    const [first, , third] = drops as [Drop, Drop, Drop];
    const client = await adminClientFor(DEMO_SHOP);
    const files = state().files.size;
    const outcome = await stageMediaInBulk(
      DEMO_SHOP,
      client,
      [first.id, third.id],
      "again",
    );
    expect(outcome).toMatchObject({ staged: [third.id], skipped: [first.id] });
    expect(state().files.size).toBe(files + 2);
  });

  it("holds a storefront pair's uploads while its launch stages media in bulk, and lets them go after", async () => {
    const [, , third] = drops as [Drop, Drop, Drop];
    await linkShots(third, 7);
    const launch = await db.launch.create({
      data: {
        shop: DEMO_SHOP,
        name: "AW26",
        status: "STAGING",
        selection: {},
        markets: [],
        mediaBulkStartedAt: new Date(),
        products: { create: { shop: DEMO_SHOP, productId: third.id } },
      },
    });
    const files = state().files.size;
    await expect(
      convergePair(DEMO_SHOP, third.id, "SHOPIFY_STOREFRONT"),
    ).resolves.toMatchObject({ outcome: "blocked" });
    expect(state().files.size).toBe(files);

    await db.launch.update({
      where: { id: launch.id },
      data: { mediaBulkStartedAt: null },
    });
    await expect(
      convergePair(DEMO_SHOP, third.id, "SHOPIFY_STOREFRONT"),
    ).resolves.toMatchObject({ outcome: "repaired" });
    expect(state().files.size).toBe(files + 2);
  });

  it("uploads nothing one by one for a launch's product linked before staging; staging attaches every image", async () => {
    const fourth = drops[3]!;
    const { id } = await createLaunch(DEMO_SHOP, {
      name: "SS27",
      selection: { kind: "products", productIds: [fourth.gid] },
    });
    await linkShots(fourth, 9);
    const files = state().files.size;
    // Before staging (DRAFT) and while staging until its bulk step ends, the pair run holds, reading nothing.
    await expect(
      convergePair(DEMO_SHOP, fourth.id, "SHOPIFY_STOREFRONT"),
    ).resolves.toMatchObject({ outcome: "blocked" });
    expect(await storefront(fourth.id)).toMatchObject({
      status: "BLOCKED",
      reason: expect.stringContaining("Launch “SS27” uploads"),
    });
    await stageLaunch(DEMO_SHOP, id);
    await expect(
      convergePair(DEMO_SHOP, fourth.id, "SHOPIFY_STOREFRONT"),
    ).resolves.toMatchObject({ outcome: "blocked" });
    expect(state().files.size).toBe(files);
    expect(state().products.get(fourth.gid)!.mediaIds).toEqual([]);

    // The staging job's bulk step creates and attaches both, then the pair run finds nothing left to upload.
    const outcome = await stageStorefrontWave(
      DEMO_SHOP,
      id,
      [fourth.id],
      "test-wave",
    );
    await endStorefrontBulk(DEMO_SHOP, id);
    expect(outcome.staged).toEqual([fourth.id]);
    expect(state().files.size).toBe(files + 2);
    await expect(
      convergePair(DEMO_SHOP, fourth.id, "SHOPIFY_STOREFRONT"),
    ).resolves.toMatchObject({ outcome: "repaired" });
    expect(await storefront(fourth.id)).toMatchObject({ status: "NOT_LISTED" });
    expect(state().files.size).toBe(files + 2);
    expect(state().products.get(fourth.gid)!.mediaIds).toHaveLength(2);
    expect(state().products.get(fourth.gid)!.status).toBe("DRAFT");
  });
});
