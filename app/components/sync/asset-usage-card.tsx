// The asset page's "Used by": every product and variant that shows the asset, its state on each channel (with
// the reason when it is not live), what approving a new version will change, and linking by picking products
// with Shopify's resource picker.
import { useFetcher } from "@remix-run/react";
import { BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import { useT } from "~/i18n";
import type { ChannelKind } from "~/channels/kinds";
import { ChannelStateBadges } from "./channel-state-badges";
import { PickLinkForm } from "./pick-link-form";

export interface AssetUsage {
  approved: boolean;
  links: {
    id: string;
    productId: string;
    productTitle: string;
    variantTitle: string | null;
    role: string;
  }[];
  states: Record<
    string,
    { channel: ChannelKind; status: string; reason: string | null }[]
  >;
  impact: { products: number; variants: number; channels: ChannelKind[] };
}

function UnlinkButton({
  assetId,
  linkId,
}: {
  assetId: string;
  linkId: string;
}) {
  const t = useT();
  const fetcher = useFetcher();
  return (
    <fetcher.Form method="post" action={`/app/assets/${assetId}/links`}>
      <input type="hidden" name="intent" value="unlink" />
      <input type="hidden" name="linkId" value={linkId} />
      <Button
        submit
        variant="plain"
        tone="critical"
        loading={fetcher.state !== "idle"}
      >
        {t("sync.unlink")}
      </Button>
    </fetcher.Form>
  );
}

export function AssetUsageCard({
  assetId,
  usage,
}: {
  assetId: string;
  usage: AssetUsage;
}) {
  const t = useT();
  const byProduct = new Map<string, AssetUsage["links"]>();
  for (const link of usage.links)
    byProduct.set(link.productId, [
      ...(byProduct.get(link.productId) ?? []),
      link,
    ]);
  return (
    <div id="used-by">
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {t("sync.usedByTitle")}
          </Text>
          <Text as="p" tone="subdued">
            {usage.impact.products > 0
              ? t("sync.impact", {
                  variants: usage.impact.variants,
                  products: usage.impact.products,
                  channels: usage.impact.channels.length,
                })
              : t("sync.usedByNone")}
          </Text>
          {[...byProduct.entries()].map(([productId, links]) => (
            <div key={productId} data-used-by-product={productId}>
              <BlockStack gap="100">
                <Text as="span" fontWeight="semibold">
                  {links[0]!.productTitle}
                </Text>
                <ChannelStateBadges states={usage.states[productId] ?? []} />
                {links.map((link) => (
                  <InlineStack
                    key={link.id}
                    align="space-between"
                    blockAlign="center"
                  >
                    <Text as="span" tone="subdued">
                      {`${link.variantTitle ?? t("sync.wholeProduct")} · ${t(`sync.role.${link.role as "FRONT"}`)}`}
                    </Text>
                    <UnlinkButton assetId={assetId} linkId={link.id} />
                  </InlineStack>
                ))}
              </BlockStack>
            </div>
          ))}
          {usage.approved ? (
            <PickLinkForm assetId={assetId} />
          ) : (
            <Text as="p" tone="subdued">
              {t("sync.linkNeedsApproval")}
            </Text>
          )}
        </BlockStack>
      </Card>
    </div>
  );
}
