// Library search: words as prefixes, filters, cursor paging.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { assetSearchSchema, type AssetSearch } from "~/dam/dam.schema";
import { ingestUpload } from "~/dam/ingest.server";
import { runAssetAction, runLibraryAction } from "~/dam/library.server";
import { searchAssets } from "~/dam/search.db.server";
import { photo, removeDir, useTempStorageDir } from "../support/dam";

const actor = "user:7";
let dir: string;
let seed = 100;

beforeAll(async () => {
  dir = await useTempStorageDir();
});
afterAll(() => removeDir(dir));

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
    const tomorrow = new Date(Date.now() + 86_400_000);
    const yesterday = new Date(Date.now() - 86_400_000);
    expect(await found({ uploadedFrom: tomorrow })).toEqual([]);
    expect(
      await found({ uploadedFrom: yesterday, uploadedTo: tomorrow }),
    ).toHaveLength(4);
    expect(await found({ uploadedTo: yesterday })).toEqual([]);
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
