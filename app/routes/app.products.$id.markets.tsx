// /app/products/:id/markets — per-market galleries (issue #15): for each variant and market, which of the
// product's approved images that market's shoppers see. Saving stores the choice (setMarketGallery) and queues the
// product's translation run, which publishes it as a market-specific translation of the variant's `$app.gallery`.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  ChoiceList,
  InlineStack,
  Layout,
  Page,
  Text,
} from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";
import { useT } from "~/i18n";
import {
  actionFailure,
  loaderFailure,
  parseForm,
  requireParam,
} from "~/lib/http.server";
import { marketGalleryScreen } from "~/pim/market-gallery-screen.db.server";
import { saveMarketGallery } from "~/pim/market-gallery-save.server";
import { shopMarkets, type ShopMarket } from "~/pim/markets-shopify.server";
import { adminClientFor } from "~/shopify/admin-client.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const auth = await authenticate.admin(request);
  const productId = requireParam(params, "id");
  const shop = auth.session.shop;
  try {
    const [screen, markets] = await Promise.all([
      marketGalleryScreen(shop, productId),
      adminClientFor(shop).then(shopMarkets),
    ]);
    return json({ ...screen, markets });
  } catch (error) {
    loaderFailure(error);
  }
};

const saveInput = z.object({
  variantId: z.string().min(1).max(40),
  marketId: z.string().min(1).max(100),
  /** Asset ids in order, comma-separated; empty removes the market's gallery. */
  assetIds: z
    .string()
    .max(2000)
    .transform((s) => s.split(",").filter(Boolean)),
});

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const auth = await authenticate.admin(request);
  const productId = requireParam(params, "id");
  const shop = auth.session.shop;
  try {
    const input = await parseForm(request, saveInput);
    await saveMarketGallery(shop, { productId, ...input });
    return json({ ok: true as const });
  } catch (error) {
    return actionFailure(error);
  }
};

function GalleryChoice({
  variant,
  market,
  images,
  chosen,
}: {
  variant: { id: string; title: string };
  market: ShopMarket;
  images: { id: string; title: string }[];
  chosen: string[];
}) {
  const t = useT();
  const fetcher = useFetcher<typeof action>();
  const [selected, setSelected] = useState(chosen);
  const ordered = images.filter((i) => selected.includes(i.id));
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="variantId" value={variant.id} />
      <input type="hidden" name="marketId" value={market.id} />
      <input
        type="hidden"
        name="assetIds"
        value={ordered.map((i) => i.id).join(",")}
      />
      <BlockStack gap="200">
        <ChoiceList
          allowMultiple
          title={t("media.marketGalleries.variantMarket", {
            variant: variant.title,
            market: market.name,
          })}
          choices={images.map((i) => ({ label: i.title, value: i.id }))}
          selected={selected}
          onChange={setSelected}
        />
        <InlineStack gap="200" blockAlign="center">
          <Button submit loading={fetcher.state !== "idle"}>
            {t("media.marketGalleries.save")}
          </Button>
          <Text as="span" tone="subdued">
            {ordered.length
              ? t("media.marketGalleries.chosen", { count: ordered.length })
              : t("media.marketGalleries.own")}
          </Text>
        </InlineStack>
        {fetcher.data && "ok" in fetcher.data && (
          <Text as="p" tone="success">
            {t("media.marketGalleries.saved")}
          </Text>
        )}
        {fetcher.data && "message" in fetcher.data && (
          <Banner tone="critical">{String(fetcher.data.message)}</Banner>
        )}
      </BlockStack>
    </fetcher.Form>
  );
}

export default function MarketGalleries() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  return (
    <Page
      title={t("media.marketGalleries.title")}
      subtitle={data.product.title}
      backAction={{ url: `/app/products/${data.product.id}` }}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Text as="p">{t("media.marketGalleries.intro")}</Text>
            {data.markets.length === 0 && (
              <Banner tone="info">
                {t("media.marketGalleries.noMarkets")}
              </Banner>
            )}
            {data.images.length === 0 && (
              <Banner tone="info">{t("media.marketGalleries.noImages")}</Banner>
            )}
            {data.images.length > 0 &&
              data.variants.map((variant) => (
                <Card key={variant.id}>
                  <BlockStack gap="400">
                    {data.markets.map((market) => (
                      <GalleryChoice
                        key={market.id}
                        variant={variant}
                        market={market}
                        images={data.images}
                        chosen={
                          data.galleries[`${variant.id} ${market.id}`] ?? []
                        }
                      />
                    ))}
                  </BlockStack>
                </Card>
              ))}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
