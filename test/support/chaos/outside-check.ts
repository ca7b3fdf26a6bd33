// The chaos run's outside check: every channel read the way a shopper or a channel would — the emulator's storefront
// view and its CDN bytes, the Google feed through its route, the marketplace's listings — against the state computed
// from the approved data (links, current versions, approved values), never from the engine's own sync tables.
import { XMLParser } from "fast-xml-parser";
import { SHOP, sha, type ChaosWorld } from "./world";

export interface Mismatches {
  /** A channel shows nothing, or something the approved data never asked for. */
  lost: string[];
  /** A channel shows an older version of the right image. */
  stale: string[];
  duplicates: string[];
}

/** A reader of the channels; each call returns every difference found now. */
export async function channelChecker(
  world: ChaosWorld,
): Promise<() => Promise<Mismatches>> {
  const { default: db } = await import("~/db.server");
  const { shopChannels } = await import("~/sync/channels/channels.db.server");
  const { loader: feedLoader } = await import("~/routes/feeds.$feed.$file");
  const { getStorage } = await import("~/dam/storage.server");
  const { emulator, receiver, products } = world;

  const { google } = await shopChannels(SHOP);
  const feedItems = async () => {
    const response = await feedLoader({
      request: new Request(
        `https://app.example/feeds/google/${SHOP}.xml?token=${google.config.feedToken}`,
      ),
      params: { feed: "google", file: `${SHOP}.xml` },
      context: {},
    });
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(
      await response.text(),
    ) as { rss: { channel: { item?: unknown } } };
    const items = parsed.rss.channel.item;
    return (Array.isArray(items) ? items : items ? [items] : []) as Record<
      string,
      unknown
    >[];
  };
  const cdnSha = new Map<string, string>();
  const contentOf = async (src: string) => {
    const known = cdnSha.get(src);
    if (known) return known;
    const response = await emulator.handle(new Request(src));
    const digest = sha(Buffer.from(await response.arrayBuffer()));
    cdnSha.set(src, digest);
    return digest;
  };
  const renditionShas = async (versionId: string) => {
    const rows = await db.rendition.findMany({
      where: { shop: SHOP, versionId, profileId: { startsWith: "storefront" } },
    });
    const out = new Set<string>();
    for (const row of rows)
      out.add(sha(await getStorage().get(row.storageKey)));
    return out;
  };

  /** Every difference between what the channels show and what the approved data asks for. */
  async function mismatches(): Promise<{
    lost: string[];
    stale: string[];
    duplicates: string[];
  }> {
    const lost: string[] = [];
    const stale: string[] = [];
    const duplicates: string[] = [];
    const items = await feedItems();
    const itemOf = new Map(items.map((i) => [String(i["g:id"]), i]));
    for (const product of products) {
      const links = await db.assetLink.findMany({
        where: { shop: SHOP, productId: product.id },
        include: {
          asset: {
            include: { currentVersion: true, versions: true },
          },
        },
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      });
      const approved = await db.attributeValue.findFirst({
        where: {
          shop: SHOP,
          productId: product.id,
          variantId: null,
          approved: { not: null },
          attribute: { key: "material_composition" },
        },
        select: { approved: true },
      });
      const material = approved
        ? (JSON.parse(String(approved.approved)) as string)
        : null;
      const view = (await (
        await emulator.handle(
          new Request(`https://${SHOP}/products/${product.handle}.js`),
        )
      ).json()) as {
        media: { id: number; src: string }[];
        variants: {
          id: number;
          sku: string;
          featured_image: { id: number; src: string } | null;
          metafields: Record<string, Record<string, unknown>>;
        }[];
        metafields: Record<string, Record<string, unknown>>;
      };
      const mediaIds = view.media.map((m) => m.id);
      if (new Set(mediaIds).size !== mediaIds.length)
        duplicates.push(`${product.handle}: a media item twice`);
      const appFields = Object.values(view.metafields)[0] ?? {};
      if (material !== null && appFields.material_composition !== material)
        lost.push(
          `${product.handle} storefront: material is not “${material}”`,
        );
      const productLevel = links.filter((l) => l.variantId === "");
      for (const variant of product.variants) {
        const own = links.filter((l) => l.variantId === variant.id);
        const shown = view.variants.find(
          (v) => String(v.id) === variant.shopifyId.split("/").pop(),
        )!;
        const label = `${product.handle}/${variant.sku}`;
        // Storefront: the variant's first image, with the current version's bytes.
        const first = own[0]?.asset;
        if (!first) {
          if (shown.featured_image)
            lost.push(`${label} storefront: still shows an unlinked image`);
        } else if (!shown.featured_image) {
          lost.push(`${label} storefront: no image`);
        } else {
          const served = await contentOf(shown.featured_image.src);
          const expected = await renditionShas(first.currentVersionId!);
          if (!expected.has(served)) {
            const older = await Promise.all(
              first.versions.map((v) => renditionShas(v.id)),
            );
            (older.some((s) => s.has(served)) ? stale : lost).push(
              `${label} storefront: not the current version of “${first.title}”`,
            );
          }
        }
        const gallery = Object.values(shown.metafields ?? {})[0]?.gallery as
          unknown[] | undefined;
        if ((gallery?.length ?? 0) !== new Set(own.map((l) => l.assetId)).size)
          lost.push(
            `${label} storefront: gallery has ${gallery?.length ?? 0} images, expected ${own.length}`,
          );
        // Google and the marketplace: main image = the first variant image, else the first product-level one.
        const main = (own[0] ?? productLevel[0])?.asset;
        const item = itemOf.get(variant.sku!);
        const listing = receiver.listings.get(variant.sku!);
        if (!main) {
          if (item) lost.push(`${label} google: in the feed without an image`);
          if (listing) lost.push(`${label} marketplace: listed without image`);
          continue;
        }
        const current = main.currentVersion!.sha256;
        const check = (
          channel: string,
          url: string | undefined,
          shown: string | null | undefined,
        ) => {
          if (!url) return lost.push(`${label} ${channel}: missing`);
          if (!url.includes(current))
            (main.versions.some((v) => url.includes(v.sha256))
              ? stale
              : lost
            ).push(`${label} ${channel}: not the current image`);
          if (material !== null && shown !== material)
            lost.push(`${label} ${channel}: material is not “${material}”`);
        };
        check(
          "google",
          item ? String(item["g:image_link"]) : undefined,
          item ? (item["g:material"] as string | undefined) : undefined,
        );
        check(
          "marketplace",
          listing?.images.main,
          listing?.attributes.material_composition as string | undefined,
        );
      }
    }
    // One Shopify file per asset, every one of them shown by a product.
    const files = [...emulator.shop(SHOP).files.values()].filter((f) =>
      f.filename.startsWith("vitrine-"),
    );
    const perAsset = new Map<string, number>();
    for (const file of files) {
      const asset = file.filename.split("-")[1] ?? "";
      perAsset.set(asset, (perAsset.get(asset) ?? 0) + 1);
    }
    for (const [asset, count] of perAsset)
      if (count > 1) duplicates.push(`asset ${asset}: ${count} Shopify files`);
    return { lost, stale, duplicates };
  }

  return mismatches;
}
