// Asset versions: approval and its outbox event, drafts of new versions, restoring an earlier version, archiving.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { addVersion } from "~/dam/ingest.server";
import { searchAssets } from "~/dam/search.db.server";
import {
  approveVersion,
  archiveAsset,
  restoreVersion,
} from "~/dam/versions.server";

import { photo, removeDir, useTempStorageDir } from "../support/dam";
import { uploadPhoto } from "../support/factories/asset";

const shopA = "versions-a.myshopify.com";
const shopB = "versions-b.myshopify.com";
const actor = "user:7";
let dir: string;

beforeAll(async () => {
  dir = await useTempStorageDir();
  await db.shop.createMany({ data: [{ shop: shopA }, { shop: shopB }] });
});
afterAll(() => removeDir(dir));

const upload = (shop: string, filename: string) =>
  uploadPhoto(shop, filename, actor);

const outboxOf = (assetId: string) =>
  db.outbox.findMany({
    where: { aggregateId: assetId },
    orderBy: { createdAt: "asc" },
  });

describe("versions and approval", () => {
  it("approving writes the current version and exactly one asset.version-approved outbox event", async () => {
    const { asset, version } = await upload(shopA, "coat.jpg");

    await approveVersion({
      shop: shopA,
      assetId: asset.id,
      versionId: version.id,
      actor,
    });
    // Approving the current version again changes nothing and announces nothing.
    await approveVersion({
      shop: shopA,
      assetId: asset.id,
      versionId: version.id,
      actor,
    });

    expect(
      await db.asset.findUniqueOrThrow({ where: { id: asset.id } }),
    ).toMatchObject({
      status: "APPROVED",
      currentVersionId: version.id,
    });
    const events = await outboxOf(asset.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      shop: shopA,
      topic: "asset.version-approved",
      payload: {
        assetId: asset.id,
        versionId: version.id,
        previousVersionId: null,
      },
    });
  });

  it("keeps a new version of an approved asset as a draft until approved, then announces the replacement", async () => {
    const { asset, version: v1 } = await upload(shopA, "scarf.jpg");
    await approveVersion({
      shop: shopA,
      assetId: asset.id,
      versionId: v1.id,
      actor,
    });

    const { version: v2 } = await addVersion({
      shop: shopA,
      assetId: asset.id,
      filename: "scarf-retouched.jpg",
      data: await photo({ seed: 999 }),
      actor,
    });

    expect(v2.number).toBe(2);
    expect(
      await db.asset.findUniqueOrThrow({ where: { id: asset.id } }),
    ).toMatchObject({
      status: "APPROVED",
      currentVersionId: v1.id,
      latestVersionNumber: 2,
    });
    await approveVersion({
      shop: shopA,
      assetId: asset.id,
      versionId: v2.id,
      actor,
    });
    const events = await outboxOf(asset.id);
    expect(events.map((e) => e.payload)).toEqual([
      { assetId: asset.id, versionId: v1.id, previousVersionId: null },
      { assetId: asset.id, versionId: v2.id, previousVersionId: v1.id },
    ]);
  });

  it("restores an earlier version as a new version with the same bytes, keeping history", async () => {
    const { asset, version: v1 } = await upload(shopA, "boot.jpg");
    const { version: v2 } = await addVersion({
      shop: shopA,
      assetId: asset.id,
      filename: "boot-v2.jpg",
      data: await photo({ seed: 998 }),
      actor,
    });

    const { version: v3 } = await restoreVersion({
      shop: shopA,
      assetId: asset.id,
      versionId: v1.id,
      actor,
    });

    expect(v3).toMatchObject({
      number: 3,
      sha256: v1.sha256,
      storageKey: v1.storageKey,
      restoredFromId: v1.id,
    });
    const versions = await db.assetVersion.findMany({
      where: { assetId: asset.id },
      orderBy: { number: "asc" },
    });
    expect(versions.map((v) => v.id)).toEqual([v1.id, v2.id, v3.id]);
    const audit = await db.assetAuditEvent.findMany({
      where: { assetId: asset.id },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((e) => e.action)).toEqual([
      "uploaded",
      "version-added",
      "restored",
    ]);
    expect(audit[2]).toMatchObject({
      actor,
      after: expect.objectContaining({ restoredFromId: v1.id }),
    });
  });

  it("archives: hidden from the library, announced once, and no approvals or versions while archived", async () => {
    const { asset, version } = await upload(shopA, "old-campaign.jpg");
    await archiveAsset(shopA, asset.id, actor);

    await expect(
      approveVersion({
        shop: shopA,
        assetId: asset.id,
        versionId: version.id,
        actor,
      }),
    ).rejects.toThrow(expect.objectContaining({ name: "Conflict" }));
    const topics = (await outboxOf(asset.id)).map((e) => e.topic);
    expect(topics).toEqual(["asset.archived"]);
    const visible = await searchAssets(shopA, {});
    expect(visible.items.map((i) => i.id)).not.toContain(asset.id);
    const archived = await searchAssets(shopA, { status: ["ARCHIVED"] });
    expect(archived.items.map((i) => i.id)).toEqual([asset.id]);
  });
});
