// Channel renditions: made by sharp from an approved version's master, cached by (master SHA-256, profile id and
// version) in the Rendition table and blob storage, and checked against the channel's rules from their pixels.
import { getStorage } from "~/dam/storage.server";
import {
  profileName,
  renditionCacheKey,
  renditionStoragePath,
} from "~/dam/rendition-keys";
import { rasterForAnalysis, renderImages } from "~/dam/image.server";
import db, { type Prisma } from "~/db.server";
import { chunks } from "~/lib/chunks";
import { Invalid, NotFound } from "~/lib/errors";
import { stillOf } from "~/dam/stills.server";
import {
  CHANNELS,
  type ChannelKind,
  type RenditionProfile,
} from "~/channels/kinds";
import {
  analyseRaster,
  checkRules,
  preflightColumn,
  type PreflightResult,
} from "./preflight";
import type { RenderedImage } from "~/dam/image.server";
import { enabledChannels } from "./channels/channels.db.server";

/** Measures a rendered image against its channel's rules. */
export async function preflight(
  image: RenderedImage,
  channel: ChannelKind,
  tags: readonly string[],
): Promise<PreflightResult> {
  const analysis = analyseRaster(await rasterForAnalysis(image.bytes));
  return checkRules(
    { ...analysis, width: image.width, height: image.height },
    CHANNELS[channel].rules,
    tags,
  );
}

export interface ChannelRendition {
  key: string;
  /** Byte size of the rendered file. */
  bytes: number;
  storageKey: string;
  mime: string;
  extension: string;
  width: number;
  height: number;
  preflight: PreflightResult;
  /** True when this call rendered it (false: served from the cache). */
  rendered: boolean;
}

// Renders under way in this process, by shop and cache key: a second caller (a pair run and a launch's bulk
// staging reading the same version at once) waits for the first instead of rendering it again.
const rendering = new Map<string, Promise<ChannelRendition>>();

function fromCache(
  key: string,
  cached: Prisma.RenditionGetPayload<object>,
): ChannelRendition {
  return {
    key,
    bytes: cached.bytes,
    storageKey: cached.storageKey,
    mime: cached.mime,
    extension: cached.mime === "image/png" ? "png" : "jpg",
    width: cached.width,
    height: cached.height,
    preflight: preflightColumn(cached.preflight),
    rendered: false,
  };
}

/**
 * The rendition of an asset version for a channel, rendered once and cached. `format` forces the output format
 * (the storefront keeps a Shopify file's first extension, since fileUpdate cannot change it).
 */
export async function channelRendition(
  shop: string,
  versionId: string,
  channel: ChannelKind,
  tags: readonly string[] = [],
  format?: "jpg" | "png",
): Promise<ChannelRendition> {
  const version = await db.assetVersion.findFirst({
    where: { id: versionId, shop },
  });
  if (!version) throw new NotFound(`asset version ${versionId} not found`);
  const base = CHANNELS[channel].profile;
  const profile = format
    ? {
        ...base,
        id: `${base.id}-${format}`,
        format: format === "png" ? ("png" as const) : ("jpeg" as const),
      }
    : base;
  const key = renditionCacheKey(version.sha256, profile);
  const cached = await db.rendition.findUnique({
    where: { shop_key: { shop, key } },
  });
  if (cached && (await getStorage().has(cached.storageKey)))
    return fromCache(key, cached);
  const running = rendering.get(`${shop} ${key}`);
  if (running) return { ...(await running), rendered: false };
  // A feed or item channel's miss renders the version for the shop's other channels from the same decode of the
  // master. Not the storefront's: its push (replace → live, a launch's bulk staging) is the latency-critical
  // path, and the channels that follow render their three from one decode.
  const jobs = [
    { channel, profile, key },
    ...(format || channel === "SHOPIFY_STOREFRONT"
      ? []
      : await companions(shop, version, channel)),
  ];
  const all = renderAndStore(shop, version, jobs, tags);
  const flights = jobs.map((job, i) => {
    const flight = `${shop} ${job.key}`;
    const one = all.then((rendered) => rendered[i]!);
    one.catch(() => undefined); // a companion nobody waits for must not be an unhandled rejection
    rendering.set(flight, one);
    return flight;
  });
  try {
    return (await all)[0]!;
  } finally {
    for (const flight of flights) rendering.delete(flight);
  }
}

interface RenderJob {
  channel: ChannelKind;
  profile: RenditionProfile;
  key: string;
}

/**
 * The shop's other enabled channels whose (default) rendition of the master is neither cached nor under way. Not
 * the storefront's once the asset has a Shopify file: its renditions then keep that file's extension (a profile
 * of their own, storefront/rendition.server.ts).
 */
async function companions(
  shop: string,
  { sha256, assetId }: { sha256: string; assetId: string },
  channel: ChannelKind,
): Promise<RenderJob[]> {
  const hasFile =
    (await db.shopifyFile.count({ where: { shop, assetId } })) > 0;
  const jobs = (await enabledChannels(shop))
    .filter(
      (kind) => kind !== channel && !(kind === "SHOPIFY_STOREFRONT" && hasFile),
    )
    .map((kind) => ({
      channel: kind,
      profile: CHANNELS[kind].profile,
      key: renditionCacheKey(sha256, CHANNELS[kind].profile),
    }))
    .filter((job) => !rendering.has(`${shop} ${job.key}`));
  const cached = new Set(
    (
      await db.rendition.findMany({
        where: { shop, key: { in: jobs.map((j) => j.key) } },
        select: { key: true },
      })
    ).map((r) => r.key),
  );
  return jobs.filter((job) => !cached.has(job.key));
}

/**
 * The channel renditions of many asset versions (default profile), looked up in two queries and rendered only
 * when not cached — what `channelRendition` answers for each, for a batch of products (a launch's go-live).
 */
export async function channelRenditions(
  shop: string,
  versionIds: readonly string[],
  channel: ChannelKind,
): Promise<Map<string, ChannelRendition>> {
  const profile = CHANNELS[channel].profile;
  const out = new Map<string, ChannelRendition>();
  for (const ids of chunks([...new Set(versionIds)], 250)) {
    const versions = await db.assetVersion.findMany({
      where: { shop, id: { in: ids } },
      select: { id: true, sha256: true },
    });
    const keyOf = new Map(
      versions.map((v) => [v.id, renditionCacheKey(v.sha256, profile)]),
    );
    const rows = new Map(
      (
        await db.rendition.findMany({
          where: { shop, key: { in: [...new Set(keyOf.values())] } },
        })
      ).map((r) => [r.key, r]),
    );
    // Storage checks 16 at a time (object storage answers each with a request).
    for (const some of chunks(ids, 16))
      await Promise.all(
        some.map(async (id) => {
          const key = keyOf.get(id);
          const cached = key ? rows.get(key) : undefined;
          out.set(
            id,
            key && cached && (await getStorage().has(cached.storageKey))
              ? fromCache(key, cached)
              : await channelRendition(shop, id, channel),
          );
        }),
      );
  }
  return out;
}

/** Renders the jobs' renditions of a version from one decode of its master, checks and stores each. */
async function renderAndStore(
  shop: string,
  version: Parameters<typeof stillOf>[1] & { id: string; sha256: string },
  jobs: readonly RenderJob[],
  tags: readonly string[],
): Promise<ChannelRendition[]> {
  // Image-only channels get a video's poster frame, a spin's frame 1, a 3D model's card (stills.server.ts).
  const still = await stillOf(shop, version);
  if (!still) throw new Invalid("this asset has no image to show on a channel");
  const images = await renderImages(
    still.bytes,
    still.mime,
    jobs.map((j) => j.profile),
  );
  const out: ChannelRendition[] = [];
  for (const [i, job] of jobs.entries())
    out.push(await store(shop, version, job, images[i]!, tags));
  return out;
}

async function store(
  shop: string,
  version: { id: string; sha256: string },
  { channel, profile, key }: RenderJob,
  image: RenderedImage,
  tags: readonly string[],
): Promise<ChannelRendition> {
  const result = await preflight(image, channel, tags);
  // Under the shop's rendition folder, so erasing the shop removes them with its masters.
  const storageKey = renditionStoragePath(
    shop,
    version.sha256,
    profileName(profile),
    image.extension,
  );
  await getStorage().put(storageKey, image.bytes);
  const data = {
    versionId: version.id,
    profileId: profile.id,
    storageKey,
    mime: image.mime,
    width: image.width,
    height: image.height,
    bytes: image.bytes.length,
    preflight: result as unknown as Prisma.InputJsonObject,
  };
  await db.rendition.upsert({
    where: { shop_key: { shop, key } },
    create: { shop, key, ...data },
    update: data,
  });
  return {
    key,
    bytes: image.bytes.length,
    storageKey,
    mime: image.mime,
    extension: image.extension,
    width: image.width,
    height: image.height,
    preflight: result,
    rendered: true,
  };
}

/** Reads a rendition's bytes (for an upload to Shopify). */
export async function renditionBytes(
  rendition: ChannelRendition,
): Promise<Buffer> {
  return getStorage().get(rendition.storageKey);
}

/** A rendition's bytes and type for the public rendition URL; NotFound when the shop has no such rendition. */
export async function servedRendition(
  shop: string,
  key: string,
): Promise<{ bytes: Buffer; mime: string }> {
  const row = await db.rendition.findUnique({
    where: { shop_key: { shop, key } },
    select: { storageKey: true, mime: true },
  });
  if (!row) throw new NotFound(`rendition ${key} not found`);
  return { bytes: await getStorage().get(row.storageKey), mime: row.mime };
}
