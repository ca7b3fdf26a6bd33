import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import {
  BlockStack,
  Button,
  Card,
  InlineGrid,
  Layout,
  Page,
  Text,
} from "@shopify/polaris";
import { ExpiringLicencesCard } from "~/components/sync/expiring-licences-card";
import { LatencyCard } from "~/components/sync/latency-card";
import { ProblemList } from "~/components/sync/problem-list";
import { useT } from "~/i18n";
import { expiringAssets } from "~/sync/licences.db.server";
import { latencyByChannel, problemStates } from "~/sync/overview.server";
import { findShop } from "~/shop/shop.db.server";
import { authenticate } from "~/shopify.server";

/** How far ahead the dashboard looks for licences that end. */
const EXPIRING_WITHIN_DAYS = 14;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = await findShop(session.shop);
  const [latency, problems, expiring] = await Promise.all([
    latencyByChannel(session.shop),
    problemStates(session.shop, { take: 10 }),
    expiringAssets(session.shop, EXPIRING_WITHIN_DAYS),
  ]);
  return {
    shop: session.shop,
    shopName: shop?.name ?? session.shop,
    latency,
    problems,
    expiring,
    expiringWithinDays: EXPIRING_WITHIN_DAYS,
  };
};

const steps: { key: "products" | "assets" | "channels"; to: string }[] = [
  { key: "products", to: "/app/products" },
  { key: "assets", to: "/app/assets" },
  { key: "channels", to: "/app/channels" },
];

export default function Dashboard() {
  const { shopName, latency, problems, expiring, expiringWithinDays } =
    useLoaderData<typeof loader>();
  const t = useT();
  return (
    <Page title={t("dashboard.title")}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t("dashboard.welcome", { shop: shopName })}
                </Text>
                <Text as="p">{t("dashboard.intro")}</Text>
              </BlockStack>
            </Card>
            <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
              {steps.map(({ key, to }, index) => (
                <Card key={key}>
                  <BlockStack gap="200">
                    <Text as="h3" variant="headingSm">
                      {`${index + 1}. ${t(`dashboard.steps.${key}.title`)}`}
                    </Text>
                    <Text as="p" tone="subdued">
                      {t(`dashboard.steps.${key}.body`)}
                    </Text>
                    <div>
                      <Button url={to}>{t("dashboard.open")}</Button>
                    </div>
                  </BlockStack>
                </Card>
              ))}
            </InlineGrid>
            <LatencyCard latency={latency} />
            <ProblemList rows={problems} />
            <ExpiringLicencesCard rows={expiring} days={expiringWithinDays} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
