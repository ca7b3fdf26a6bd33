// The Meta feed's token URL: refused with any other token or extension, rotated (from the Channels page too) with
// a grace period for the previous token.
import { beforeAll, describe, expect, it } from "vitest";
import { channelKinds } from "~/channels/kinds";
import {
  action as channelsAction,
  loader as channelsLoader,
} from "~/routes/app.channels";
import {
  FEED_TOKEN_GRACE_MS,
  feedSettings,
  feedTokenValid,
  rotateFeedToken,
  setChannelEnabled,
} from "~/sync/channels/channels.db.server";
import { embeddedFetchRequest } from "../support/shopify";
import {
  buildMetaShops,
  fetchFeed,
  OTHER,
  SHOP,
} from "../support/meta-channel";

beforeAll(async () => {
  await buildMetaShops();
  await setChannelEnabled(SHOP, "META_CATALOG", true);
});

describe("the Meta feed URL", () => {
  it("is not found with a wrong token, another shop's token, Google's token or the wrong extension", async () => {
    await setChannelEnabled(OTHER, "META_CATALOG", true);
    const other = await feedSettings(OTHER, "META_CATALOG");
    const google = await feedSettings(SHOP, "GOOGLE_MERCHANT");
    const own = await feedSettings(SHOP, "META_CATALOG");
    expect((await fetchFeed(SHOP, "x".repeat(32))).status).toBe(404);
    expect((await fetchFeed(SHOP, other.config.feedToken)).status).toBe(404);
    expect((await fetchFeed(SHOP, google.config.feedToken)).status).toBe(404);
    expect(
      (await fetchFeed(SHOP, own.config.feedToken, `${SHOP}.xml`)).status,
    ).toBe(404);
  });

  it("keeps the previous token working for the grace period after a rotation, then only the new one", async () => {
    const first = (await feedSettings(SHOP, "META_CATALOG")).config.feedToken;
    const rotatedAt = new Date();
    const second = await rotateFeedToken(SHOP, "META_CATALOG", rotatedAt);
    expect(second.feedToken).not.toBe(first);
    expect(new Date(second.previousUntil!).getTime()).toBe(
      rotatedAt.getTime() + FEED_TOKEN_GRACE_MS,
    );
    expect((await fetchFeed(SHOP, first)).status).toBe(200);
    expect((await fetchFeed(SHOP, second.feedToken)).status).toBe(200);
    // Google's token is its own: rotating Meta's leaves it alone.
    const google = (await feedSettings(SHOP, "GOOGLE_MERCHANT")).config;
    expect(google.previousToken).toBeUndefined();

    // Past the grace period, the old token opens nothing.
    const later = new Date(rotatedAt.getTime() + FEED_TOKEN_GRACE_MS + 1000);
    expect(await feedTokenValid(SHOP, "META_CATALOG", first, later)).toBe(
      false,
    );
    expect(
      await feedTokenValid(SHOP, "META_CATALOG", second.feedToken, later),
    ).toBe(true);

    // A second rotation ends the first token's grace at once.
    const third = await rotateFeedToken(SHOP, "META_CATALOG");
    expect((await fetchFeed(SHOP, first)).status).toBe(404);
    expect((await fetchFeed(SHOP, second.feedToken)).status).toBe(200);
    expect((await fetchFeed(SHOP, third.feedToken)).status).toBe(200);
  });

  it("rotates from the Channels page, which then shows the new URL and until when the old one works", async () => {
    const before = (await feedSettings(SHOP, "META_CATALOG")).config.feedToken;
    const response = (await channelsAction({
      request: await embeddedFetchRequest("/app/channels", SHOP, {
        method: "POST",
        body: new URLSearchParams({
          intent: "rotate-feed-token",
          kind: "META_CATALOG",
        }),
      }),
      params: {},
      context: {},
    })) as unknown;
    expect(response).toMatchObject({ ok: true });
    const after = (await feedSettings(SHOP, "META_CATALOG")).config;
    expect(after.previousToken).toBe(before);

    const page = (await channelsLoader({
      request: await embeddedFetchRequest("/app/channels", SHOP),
      params: {},
      context: {},
    })) as {
      channels: {
        kind: string;
        enabled: boolean;
        feed: { url: string; previousUntil: string | null } | null;
      }[];
    };
    const meta = page.channels.find((c) => c.kind === "META_CATALOG")!;
    expect(meta.enabled).toBe(true);
    expect(meta.feed!.url).toContain(
      `/feeds/meta/${SHOP}.csv?token=${after.feedToken}`,
    );
    expect(meta.feed!.previousUntil).toBe(after.previousUntil);
    expect(page.channels.map((c) => c.kind)).toEqual([...channelKinds]);
  });
});
