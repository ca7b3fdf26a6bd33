// The demo's media and language steps (issue #15), run after the timed replacement wave so they never touch its
// latencies: a campaign clip made by ffmpeg and a 24-frame 360° spin go through the real ingest, are approved and
// linked to one coat; then a French PIM value and French alt text are approved. Each is checked where a shopper or
// Google sees it: the emulator's storefront view (only READY media is shown there), the `$app.spin` metafield
// (storefront-readable), the Google feed's poster frame, and the French storefront view `/fr/products/{handle}.js`.
import { COLOURS } from "../../emulator/seed/catalogue.ts";
import { studioImage } from "../../emulator/seed/images.ts";
// The tests' own builders: a real H.264 clip from `ffmpeg -f lavfi -i testsrc` and a stored-entry ZIP.
import { clip, zipOf } from "../../test/support/media.ts";

const SPIN_FRAMES = 24;
const ALT_FR = "Manteau croisé, vue de face";
const MATERIAL = { en: "70% wool, 30% alpaca", fr: "70 % laine, 30 % alpaga" };

interface StorefrontView {
  title: string;
  media: { id: number; media_type: string; alt: string | null }[];
  metafields: Record<string, Record<string, unknown>>;
}

export interface MediaStepsOptions {
  shop: string;
  emulatorUrl: string;
  coat: { id: string; handle: string; title: string; shopifyId: string };
  /** The emulator's admin token: the merchant's own translation app (Translate & Adapt) writes the title. */
  adminToken: string;
  /** The asset id of the coat's front packshot (already on the storefront). */
  frontAssetId: string;
  actor: string;
  /** Uploads through the real ingest and approves; returns the asset id. */
  upload: (filename: string, data: Buffer) => Promise<string>;
  googleFeed: () => Promise<string>;
  until: <T>(
    probe: () => Promise<T>,
    ok: (value: T) => boolean,
    what: string,
  ) => Promise<T>;
  say: (message: string) => void;
}

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

const appMetafield = (view: StorefrontView, key: string) =>
  Object.entries(view.metafields).find(
    ([namespace, values]) => namespace.startsWith("app--") && key in values,
  )?.[1][key];

/** The merchant's French title, registered the way Translate & Adapt does (Vitrine reads titles, never writes them). */
async function registerMerchantTitle(
  o: MediaStepsOptions,
  title: string,
): Promise<void> {
  const admin = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(
      `${o.emulatorUrl}/admin/api/2026-10/graphql.json`,
      {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-Forwarded-Host": o.shop,
          "X-Shopify-Access-Token": o.adminToken,
        },
        body: JSON.stringify({ query, variables }),
      },
    );
    const body = (await response.json()) as {
      data?: Record<string, unknown>;
      errors?: unknown;
    };
    if (!body.data) throw new Error(`admin API: ${JSON.stringify(body)}`);
    return body.data;
  };
  const resource = (await admin(
    `query MerchantTitleDigest($id: ID!) { translatableResource(resourceId: $id) { translatableContent { key digest } } }`,
    { id: o.coat.shopifyId },
  )) as {
    translatableResource: {
      translatableContent: { key: string; digest: string }[];
    };
  };
  const digest = resource.translatableResource.translatableContent.find(
    (c) => c.key === "title",
  )!.digest;
  const registered = (await admin(
    `mutation MerchantTitle($id: ID!, $translations: [TranslationInput!]!) { translationsRegister(resourceId: $id, translations: $translations) { userErrors { message } } }`,
    {
      id: o.coat.shopifyId,
      translations: [
        {
          key: "title",
          value: title,
          locale: "fr",
          translatableContentDigest: digest,
        },
      ],
    },
  )) as { translationsRegister: { userErrors: { message: string }[] } };
  if (registered.translationsRegister.userErrors.length > 0)
    throw new Error(
      `translationsRegister: ${registered.translationsRegister.userErrors[0]!.message}`,
    );
}

async function spinZip(handle: string): Promise<Buffer> {
  const colour = COLOURS[0]!;
  const frames = [];
  for (let i = 0; i < SPIN_FRAMES; i++)
    frames.push({
      name: `frame_${i + 1}.jpg`,
      data: await studioImage({
        family: "coat",
        colour,
        width: 600,
        height: 750,
        label: `${handle} ${i * (360 / SPIN_FRAMES)}°`,
      }),
    });
  return zipOf(frames);
}

export async function showMediaAndFrench(o: MediaStepsOptions): Promise<void> {
  const { default: db } = await import("../../app/db.server.ts");
  const { linkAssets } = await import("../../app/sync/links.db.server.ts");
  const { updateAssetDetails } =
    await import("../../app/dam/asset-details.db.server.ts");
  const { saveProductValues } =
    await import("../../app/pim/values.db.server.ts");
  const { approveAndPublish } =
    await import("../../app/pim/approval.server.ts");
  const { kickOutboxRelay } = await import("../../app/outbox/relay.server.ts");
  const { shop, coat, say } = o;
  const view = async (locale?: string) =>
    (await (
      await fetch(
        `${o.emulatorUrl}${locale ? `/${locale}` : ""}/products/${coat.handle}.js`,
        { headers: { "X-Forwarded-Host": shop } },
      )
    ).json()) as StorefrontView;
  const fileGidOf = async (assetId: string) =>
    (
      await db.shopifyFile.findUnique({
        where: { shop_assetId: { shop, assetId } },
      })
    )?.fileGid;

  say(
    `DAM: a campaign clip (ffmpeg test pattern, 4 s 1280×720 H.264) and a ${SPIN_FRAMES}-frame 360° spin ZIP for ${coat.handle}`,
  );
  const videoId = await o.upload(
    `${coat.handle}-campaign.mp4`,
    clip({ seconds: 4, width: 1280, height: 720 }),
  );
  const spinId = await o.upload(
    `${coat.handle}-spin.zip`,
    await spinZip(coat.handle),
  );
  const linked = Date.now();
  await linkAssets(
    shop,
    { assetIds: [videoId], productId: coat.id, role: "CAMPAIGN" },
    o.actor,
  );
  await linkAssets(
    shop,
    { assetIds: [spinId], productId: coat.id, role: "DETAIL" },
    o.actor,
  );
  await kickOutboxRelay();

  const video = await db.assetVersion.findFirstOrThrow({
    where: { assetId: videoId },
  });
  await o.until(
    async () => {
      const gid = await fileGidOf(videoId);
      const shown = (await view()).media.find(
        (m) => gid && `gid://shopify/Video/${m.id}` === gid,
      );
      return shown?.media_type === "video";
    },
    Boolean,
    "the campaign video on the storefront",
  );
  const videoLive = seconds(linked);
  await o.until(
    o.googleFeed,
    (feed) => feed.includes(`${video.sha256}.google.v1.jpg`),
    "the video's poster frame in the Google feed",
  );
  say(
    `campaign video live on the storefront in ${videoLive} s (poster on Google after ${seconds(linked)} s)`,
  );

  const spin = await o.until(
    async () => appMetafield(await view(), "spin"),
    (value) => Array.isArray(value) && value.length === SPIN_FRAMES,
    "the 360° spin's frames in the product's $app.spin metafield",
  );
  say(
    `360° spin (${(spin as unknown[]).length} frames) live in the storefront's $app.spin metafield in ${seconds(linked)} s (frame 1 as the channels' image)`,
  );

  const titleFr = `Manteau « ${coat.title} »`;
  say(
    `French: the merchant's title "${titleFr}" (Translate & Adapt), then in Vitrine the material "${MATERIAL.fr}" and alt text "${ALT_FR}", approved`,
  );
  const french = Date.now();
  await registerMerchantTitle(o, titleFr);
  await updateAssetDetails(
    shop,
    o.frontAssetId,
    { altText: { en: "Wrap coat, front view", fr: ALT_FR } },
    o.actor,
  );
  await saveProductValues(
    shop,
    coat.id,
    [
      { attributeKey: "material_composition", input: MATERIAL.en },
      {
        attributeKey: "material_composition",
        locale: "fr",
        input: MATERIAL.fr,
      },
    ],
    o.actor,
  );
  await approveAndPublish(shop, [coat.id], o.actor);
  const frontGid = await fileGidOf(o.frontAssetId);
  await o.until(
    () => view("fr"),
    (fr) =>
      fr.title === titleFr &&
      appMetafield(fr, "material_composition") === MATERIAL.fr &&
      fr.media.some(
        (m) =>
          `gid://shopify/MediaImage/${m.id}` === frontGid && m.alt === ALT_FR,
      ),
    `the French material and alt text at /fr/products/${coat.handle}.js`,
  );
  const english = await view();
  if (
    appMetafield(english, "material_composition") !== MATERIAL.en ||
    english.title === titleFr
  )
    throw new Error("the English storefront view shows French");
  say(
    `French: title/material/alt text live at /fr/products/${coat.handle}.js in ${seconds(french)} s (English view unchanged)`,
  );
}
