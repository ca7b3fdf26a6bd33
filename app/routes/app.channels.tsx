import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { BlockStack, Card, Layout, Page, Text } from "@shopify/polaris";
import { z } from "zod";
import { patternProblem } from "~/lib/merchant-pattern";
import { CHANNELS, channelKinds } from "~/channels/kinds";
import { ChannelCard } from "~/components/sync/channel-card";
import {
  EndpointSettings,
  StorefrontSettings,
} from "~/components/sync/channel-settings-forms";
import { FeedSettings } from "~/components/sync/feed-settings";
import { useT } from "~/i18n";
import { failureOf } from "~/lib/action-result";
import { actionFailure, parseForm } from "~/lib/http.server";
import {
  configureMarketplace,
  enabledChannels,
  FEED_TOKEN_GRACE_MS,
  feedSettings,
  rotateFeedToken,
  setChannelEnabled,
  shopChannels,
  updateStorefrontConfig,
} from "~/sync/channels/channels.db.server";
import { feedOf } from "~/sync/channels/registry.server";
import { stateCounts } from "~/sync/overview.server";
import { feedUrl } from "~/sync/urls.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = session.shop;
  const channels = await shopChannels(shop);
  const enabled = new Set(await enabledChannels(shop));
  const counts = await stateCounts(shop);
  const now = Date.now();
  const feeds = await Promise.all(
    channelKinds.map(async (kind) => {
      const feed = feedOf(kind);
      if (!feed) return null;
      const { config } = await feedSettings(shop, kind);
      const until = config.previousUntil ?? null;
      return {
        url: feedUrl(shop, feed, config.feedToken),
        previousUntil: until && new Date(until).getTime() > now ? until : null,
      };
    }),
  );
  return {
    channels: channelKinds.map((kind, i) => ({
      kind,
      enabled: enabled.has(kind),
      counts: counts.find((c) => c.channel === kind)!.counts,
      feed: feeds[i] ?? null,
    })),
    storefront: channels.storefront,
    endpoint: {
      url: channels.marketplace.endpoint?.url ?? "",
      keyId: channels.marketplace.endpoint?.keyId ?? "",
      hasSecret: Boolean(channels.marketplace.endpoint?.secret),
    },
    graceMs: FEED_TOKEN_GRACE_MS,
  };
};

const intent = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("toggle"),
    kind: z.enum(channelKinds),
    enabled: z.enum(["true", "false"]),
  }),
  z.object({
    intent: z.literal("marketplace"),
    url: z.string(),
    keyId: z.string(),
    secret: z.string(),
  }),
  z.object({
    intent: z.literal("rotate-feed-token"),
    kind: z.enum(channelKinds),
  }),
  z.object({
    intent: z.literal("filename-pattern"),
    // Runs on every uploaded file name in the worker: it must run in linear time (lib/merchant-pattern).
    filenamePattern: z
      .string()
      .min(1)
      .superRefine((pattern, context) => {
        const problem = patternProblem(pattern);
        if (problem) context.addIssue({ code: "custom", message: problem });
      }),
  }),
]);

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  try {
    const input = await parseForm(request, intent);
    switch (input.intent) {
      case "toggle":
        await setChannelEnabled(
          session.shop,
          input.kind,
          input.enabled === "true",
        );
        break;
      case "marketplace":
        await configureMarketplace(session.shop, input);
        break;
      case "rotate-feed-token":
        await rotateFeedToken(session.shop, input.kind);
        break;
      case "filename-pattern":
        await updateStorefrontConfig(session.shop, {
          filenamePattern: input.filenamePattern,
        });
        break;
    }
    return { ok: true as const };
  } catch (error) {
    return actionFailure(error);
  }
};

export default function Channels() {
  const data = useLoaderData<typeof loader>();
  const failure = failureOf(useActionData<typeof action>());
  const busy = useNavigation().state !== "idle";
  const t = useT();
  const errors = failure?.fieldErrors ?? {};
  return (
    <Page title={t("channels.title")}>
      <Layout>
        {failure ? (
          <Layout.Section>
            <Card>
              <Text as="p" tone="critical">
                {failure.message}
              </Text>
            </Card>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <BlockStack gap="400">
            {data.channels.map(({ kind, enabled, counts, feed }) => {
              const { optional, settings } = CHANNELS[kind];
              const setUp = settings !== "endpoint" || data.endpoint.hasSecret;
              return (
                <ChannelCard
                  key={kind}
                  kind={kind}
                  enabled={enabled}
                  canToggle={optional && setUp}
                  counts={counts}
                  busy={busy}
                >
                  {settings === "storefront" ? (
                    <StorefrontSettings
                      filenamePattern={data.storefront.filenamePattern}
                      errors={errors}
                      busy={busy}
                    />
                  ) : settings === "feed" && feed ? (
                    <FeedSettings
                      kind={kind}
                      feed={feed}
                      graceMs={data.graceMs}
                      busy={busy}
                    />
                  ) : settings === "endpoint" ? (
                    <EndpointSettings
                      endpoint={data.endpoint}
                      errors={errors}
                      busy={busy}
                    />
                  ) : null}
                </ChannelCard>
              );
            })}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
