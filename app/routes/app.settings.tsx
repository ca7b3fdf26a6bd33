import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Card, DescriptionList, Layout, Page } from "@shopify/polaris";
import { useT } from "~/i18n";
import { findShop, localesColumn } from "~/shop/shop.db.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = await findShop(session.shop);
  return {
    name: shop?.name ?? null,
    planName: shop?.planName ?? null,
    currencyCode: shop?.currencyCode ?? null,
    locales: localesColumn(shop?.locales ?? null),
  };
};

export default function Settings() {
  const shop = useLoaderData<typeof loader>();
  const t = useT();
  const value = (v: string | null) => v ?? t("settings.notSynced");
  return (
    <Page title={t("settings.title")}>
      <Layout>
        <Layout.AnnotatedSection title={t("settings.shopSection")}>
          <Card>
            <DescriptionList
              items={[
                { term: t("settings.shopName"), description: value(shop.name) },
                { term: t("settings.plan"), description: value(shop.planName) },
                {
                  term: t("settings.currency"),
                  description: value(shop.currencyCode),
                },
                {
                  term: t("settings.locales"),
                  description: value(shop.locales.join(", ") || null),
                },
              ]}
            />
          </Card>
        </Layout.AnnotatedSection>
      </Layout>
    </Page>
  );
}
