import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { assetSearchSchema, type AssetSearch } from "~/dam/dam.schema";
import { addVersion, ingestUpload } from "~/dam/ingest.server";
import { runAssetAction, runLibraryAction } from "~/dam/library.server";
import { renderVersionRenditions } from "~/dam/renditions.server";
import { searchAssets } from "~/dam/search.db.server";
import { setStorage } from "~/dam/storage.server";
import {
  approveVersion,
  archiveAsset,
  restoreVersion,
} from "~/dam/versions.server";
import { photo, removeDir, useTempStorageDir } from "../support/dam";

const shopA = "versions-a.myshopify.com";
const shopB = "versions-b.myshopify.com";
const actor = "user:7";
let dir: string;

beforeAll(async () => {
  dir = useTempStorageDir();
  setStorage(undefined);
  await db.shop.createMany({ data: [{ shop: shopA }, { shop: shopB }] });
});
afterAll(() => removeDir(dir));

let seed = 100;
async function upload(shop: string, filename: string) {
  const result = await ingestUpload({
    shop,
    filename,
    data: await photo({ seed: seed++ }),
    actor,
  });
  if (!("asset" in result)) throw new Error("unexpected duplicate");
  return result;
}

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

describe("shop isolation", () => {
  it("answers NotFound to shop B for every operation on shop A's asset, changing nothing", async () => {
    const { asset, version } = await upload(shopA, "private.jpg");
    const ref = {
      shop: shopB,
      assetId: asset.id,
      versionId: version.id,
      actor,
    };
    const notFound = expect.objectContaining({ name: "NotFound" });

    await expect(approveVersion(ref)).rejects.toThrow(notFound);
    await expect(restoreVersion(ref)).rejects.toThrow(notFound);
    await expect(archiveAsset(shopB, asset.id, actor)).rejects.toThrow(
      notFound,
    );
    await expect(
      addVersion({
        shop: shopB,
        assetId: asset.id,
        filename: "x.jpg",
        data: await photo({ seed: 5000 }),
        actor,
      }),
    ).rejects.toThrow(notFound);
    await expect(
      renderVersionRenditions(shopB, asset.id, version.id),
    ).rejects.toThrow(notFound);
    for (const action of [
      { intent: "add-tag", tag: "stolen" },
      { intent: "details", title: "Mine now" },
      { intent: "alt-text", locale: "en", text: "x" },
      { intent: "collect", collection: "B's" },
    ] as const)
      await expect(
        runAssetAction(shopB, asset.id, action, actor),
      ).rejects.toThrow(notFound);
    await expect(
      runLibraryAction(shopB, { intent: "approve", ids: [asset.id] }, actor),
    ).rejects.toThrow(notFound);

    expect((await searchAssets(shopB, {})).items).toEqual([]);
    expect(
      await db.asset.findUniqueOrThrow({ where: { id: asset.id } }),
    ).toMatchObject({
      status: "DRAFT",
      title: "private",
    });
    expect(await db.outbox.count({ where: { aggregateId: asset.id } })).toBe(0);
    expect(await db.assetTag.count({ where: { assetId: asset.id } })).toBe(0);
  });

  it("stores the same bytes for two shops as two assets (dedupe is per shop)", async () => {
    const data = await photo({ seed: 4242 });
    const a = await ingestUpload({
      shop: shopA,
      filename: "same.jpg",
      data,
      actor,
    });
    const b = await ingestUpload({
      shop: shopB,
      filename: "same.jpg",
      data,
      actor,
    });
    expect("asset" in a && "asset" in b).toBe(true);
  });
});

describe("search", () => {
  const shop = "search-shop.myshopify.com";
  const ids: Record<string, string> = {};
  const search = (input: Partial<AssetSearch>) =>
    searchAssets(shop, assetSearchSchema.parse(input));
  const found = async (input: Partial<AssetSearch>) =>
    (await search(input)).items.map((i) => i.id).sort();

  beforeAll(async () => {
    await db.shop.create({ data: { shop } });
    const make = async (
      name: string,
      width: number,
      height: number,
      by = actor,
    ) => {
      const result = await ingestUpload({
        shop,
        filename: name,
        data: await photo({ seed: seed++, width, height }),
        actor: by,
      });
      if (!("asset" in result)) throw new Error("duplicate");
      ids[name] = result.asset.id;
    };
    await make("camel-coat-front.jpg", 800, 600);
    await make("camel-coat-back.jpg", 600, 800);
    await make("silk-scarf.jpg", 500, 500, "user:9");
    await make("leather-boot.jpg", 900, 600);
    await runAssetAction(
      shop,
      ids["silk-scarf.jpg"]!,
      { intent: "add-tag", tag: "summer" },
      actor,
    );
    await runAssetAction(
      shop,
      ids["leather-boot.jpg"]!,
      { intent: "alt-text", locale: "de", text: "Lederstiefel braun" },
      actor,
    );
    await runAssetAction(
      shop,
      ids["camel-coat-back.jpg"]!,
      {
        intent: "details",
        title: "Coat back",
        usageNotes: "Only for the winter lookbook",
        validUntil: new Date(Date.now() + 5 * 86_400_000),
      },
      actor,
    );
    await runLibraryAction(
      shop,
      {
        intent: "collect",
        ids: [ids["camel-coat-front.jpg"]!, ids["silk-scarf.jpg"]!],
        collection: "AW26",
      },
      actor,
    );
    await runLibraryAction(
      shop,
      { intent: "approve", ids: [ids["leather-boot.jpg"]!] },
      actor,
    );
  });

  it("finds by words of the title, file name, tags, alt text and notes, as prefixes", async () => {
    expect(await found({ q: "camel" })).toEqual(
      [ids["camel-coat-front.jpg"], ids["camel-coat-back.jpg"]].sort(),
    );
    expect(await found({ q: "coat fro" })).toEqual([
      ids["camel-coat-front.jpg"],
    ]);
    expect(await found({ q: "summer" })).toEqual([ids["silk-scarf.jpg"]]);
    expect(await found({ q: "lederstiefel" })).toEqual([
      ids["leather-boot.jpg"],
    ]);
    expect(await found({ q: "lookbook" })).toEqual([
      ids["camel-coat-back.jpg"],
    ]);
    expect(await found({ q: "nothing-like-this" })).toEqual([]);
  });

  it("filters by status, tag, collection, orientation, size, expiring rights and uploader", async () => {
    expect(await found({ status: ["APPROVED"] })).toEqual([
      ids["leather-boot.jpg"],
    ]);
    expect(await found({ tag: "summer" })).toEqual([ids["silk-scarf.jpg"]]);
    const collection = await db.assetCollection.findFirstOrThrow({
      where: { shop, name: "AW26" },
    });
    expect(await found({ collectionId: collection.id })).toEqual(
      [ids["camel-coat-front.jpg"], ids["silk-scarf.jpg"]].sort(),
    );
    expect(await found({ orientation: "PORTRAIT" })).toEqual([
      ids["camel-coat-back.jpg"],
    ]);
    expect(await found({ orientation: "SQUARE" })).toEqual([
      ids["silk-scarf.jpg"],
    ]);
    expect(await found({ expiringWithinDays: 7 })).toEqual([
      ids["camel-coat-back.jpg"],
    ]);
    expect(await found({ expiringWithinDays: 1 })).toEqual([]);
    expect(await found({ uploadedBy: "user:9" })).toEqual([
      ids["silk-scarf.jpg"],
    ]);
    expect(await found({ kind: ["VIDEO"] })).toEqual([]);
    const sizes = (await search({ sort: "largest" })).items.map((i) => i.bytes);
    expect(await found({ minBytes: sizes[1] })).toHaveLength(2);
    expect(await found({ q: "coat", orientation: "LANDSCAPE" })).toEqual([
      ids["camel-coat-front.jpg"],
    ]);
  });

  it("pages with a cursor through every asset exactly once, in order", async () => {
    for (const sort of ["newest", "oldest", "title", "largest"] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await search({ sort, limit: 3, cursor });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const all = (await search({ sort, limit: 100 })).items.map((i) => i.id);
      expect(seen).toEqual(all);
      expect(new Set(seen).size).toBe(4);
    }
  });

  it("refuses a forged cursor", async () => {
    await expect(search({ cursor: "not-a-cursor" })).rejects.toThrow(
      expect.objectContaining({ name: "Invalid" }),
    );
  });
});
