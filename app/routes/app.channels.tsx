import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  useActionData,
  useLoaderData,
  useNavigation,
} from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Button,
  Card,
  FormLayout,
  InlineStack,
  Layout,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";
import { patternProblem } from "~/lib/merchant-pattern";
import { useT } from "~/i18n";
import { failureOf } from "~/lib/action-result";
import { actionFailure, parseForm } from "~/lib/http.server";
import {
  configureMarketplace,
  rotateFeedToken,
  setChannelEnabled,
  shopChannels,
  updateStorefrontConfig,
} from "~/sync/channels/channels.db.server";
import { channelKinds } from "~/sync/channel-kinds";
import { stateCounts } from "~/sync/overview.db.server";
import { googleFeedUrl } from "~/sync/urls.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const channels = await shopChannels(session.shop);
  return {
    storefront: channels.storefront,
    google: {
      enabled: channels.google.enabled,
      feedUrl: googleFeedUrl(session.shop, channels.google.config.feedToken),
    },
    marketplace: {
      enabled: channels.marketplace.enabled,
      url: channels.marketplace.endpoint?.url ?? "",
      keyId: channels.marketplace.endpoint?.keyId ?? "",
      hasSecret: Boolean(channels.marketplace.endpoint?.secret),
    },
    counts: await stateCounts(session.shop),
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
  z.object({ intent: z.literal("rotate-feed-token") }),
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
        await rotateFeedToken(session.shop);
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
  const [url, setUrl] = useState(data.marketplace.url);
  const [keyId, setKeyId] = useState(data.marketplace.keyId);
  const [secret, setSecret] = useState("");
  const [pattern, setPattern] = useState(data.storefront.filenamePattern);
  const counts = (kind: (typeof channelKinds)[number]) => {
    const c = data.counts.find((x) => x.channel === kind)!.counts;
    return t("sync.states", {
      live: c.LIVE,
      pending: c.PENDING + c.SYNCING,
      blocked: c.BLOCKED,
      failed: c.FAILED,
    });
  };
  const toggle = (kind: (typeof channelKinds)[number], enabled: boolean) => (
    <Form method="post">
      <input type="hidden" name="intent" value="toggle" />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="enabled" value={String(!enabled)} />
      <Button submit loading={busy}>
        {enabled ? t("sync.turnOff") : t("sync.turnOn")}
      </Button>
    </Form>
  );
  const heading = (kind: (typeof channelKinds)[number], enabled: boolean) => (
    <InlineStack gap="200" blockAlign="center">
      <Text as="h2" variant="headingMd">
        {t(`sync.channel.${kind}`)}
      </Text>
      <Badge tone={enabled ? "success" : undefined}>
        {enabled ? t("sync.on") : t("sync.off")}
      </Badge>
    </InlineStack>
  );
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
            <Card>
              <BlockStack gap="300">
                {heading("SHOPIFY_STOREFRONT", true)}
                <Text as="p">{t("sync.storefrontBody")}</Text>
                <Text as="p" tone="subdued">
                  {counts("SHOPIFY_STOREFRONT")}
                </Text>
                <Form method="post">
                  <input type="hidden" name="intent" value="filename-pattern" />
                  <FormLayout>
                    <TextField
                      label={t("sync.filenamePattern")}
                      name="filenamePattern"
                      value={pattern}
                      onChange={setPattern}
                      helpText={t("sync.filenamePatternHelp")}
                      error={failure?.fieldErrors.filenamePattern?.join(", ")}
                      autoComplete="off"
                      monospaced
                    />
                    <Button submit loading={busy}>
                      {t("sync.save")}
                    </Button>
                  </FormLayout>
                </Form>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                {heading("GOOGLE_MERCHANT", data.google.enabled)}
                <Text as="p">{t("sync.googleBody")}</Text>
                <TextField
                  label={t("sync.feedUrl")}
                  value={data.google.feedUrl}
                  readOnly
                  autoComplete="off"
                />
                <Text as="p" tone="subdued">
                  {counts("GOOGLE_MERCHANT")}
                </Text>
                <InlineStack gap="200">
                  {toggle("GOOGLE_MERCHANT", data.google.enabled)}
                  <Form method="post">
                    <input
                      type="hidden"
                      name="intent"
                      value="rotate-feed-token"
                    />
                    <Button submit loading={busy}>
                      {t("sync.rotateToken")}
                    </Button>
                  </Form>
                </InlineStack>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                {heading("MARKETPLACE", data.marketplace.enabled)}
                <Text as="p">{t("sync.marketplaceBody")}</Text>
                <Text as="p" tone="subdued">
                  {counts("MARKETPLACE")}
                </Text>
                <Form method="post">
                  <input type="hidden" name="intent" value="marketplace" />
                  <FormLayout>
                    <TextField
                      label={t("sync.endpointUrl")}
                      name="url"
                      value={url}
                      onChange={setUrl}
                      error={failure?.fieldErrors.url?.join(", ")}
                      autoComplete="off"
                    />
                    <TextField
                      label={t("sync.keyId")}
                      name="keyId"
                      value={keyId}
                      onChange={setKeyId}
                      error={failure?.fieldErrors.keyId?.join(", ")}
                      autoComplete="off"
                    />
                    <TextField
                      label={t("sync.secret")}
                      name="secret"
                      type="password"
                      value={secret}
                      onChange={setSecret}
                      error={failure?.fieldErrors.secret?.join(", ")}
                      autoComplete="new-password"
                    />
                    <Button submit variant="primary" loading={busy}>
                      {t("sync.save")}
                    </Button>
                  </FormLayout>
                </Form>
                {data.marketplace.hasSecret
                  ? toggle("MARKETPLACE", data.marketplace.enabled)
                  : null}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
