// The asset page's "Used by": every product and variant that shows the asset, its state on each channel, what
// approving a new version will change, and the link form.
import { useFetcher } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Button,
  Card,
  FormLayout,
  InlineStack,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { useT } from "~/i18n";
import { failureOf } from "~/lib/action-result";
import type { ChannelKind } from "~/channels/kinds";
import { statusTone } from "./status-tone";

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

const ROLES = [
  "FRONT",
  "BACK",
  "DETAIL",
  "LIFESTYLE",
  "SWATCH",
  "SIZE_CHART",
  "MANUAL",
  "CAMPAIGN",
];
export function AssetUsageCard({
  assetId,
  usage,
}: {
  assetId: string;
  usage: AssetUsage;
}) {
  const t = useT();
  const fetcher = useFetcher();
  const [target, setTarget] = useState("");
  const [optionValue, setOptionValue] = useState("");
  const [role, setRole] = useState("FRONT");
  const failure = failureOf(fetcher.data);
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
          {usage.impact.products > 0 ? (
            <Text as="p" tone="subdued">
              {t("sync.impact", {
                variants: usage.impact.variants,
                products: usage.impact.products,
                channels: usage.impact.channels.length,
              })}
            </Text>
          ) : (
            <Text as="p" tone="subdued">
              {t("sync.usedByNone")}
            </Text>
          )}
          {[...byProduct.entries()].map(([productId, links]) => (
            <BlockStack key={productId} gap="100">
              <InlineStack gap="100" blockAlign="center">
                <Text as="span" fontWeight="semibold">
                  {links[0]!.productTitle}
                </Text>
                {(usage.states[productId] ?? []).map((s) => (
                  <Badge key={s.channel} tone={statusTone(s.status)}>
                    {`${t(`sync.channel.${s.channel}`)}: ${t(`sync.status.${s.status as "LIVE"}`)}`}
                  </Badge>
                ))}
              </InlineStack>
              {links.map((link) => (
                <InlineStack
                  key={link.id}
                  align="space-between"
                  blockAlign="center"
                >
                  <Text as="span" tone="subdued">
                    {`${link.variantTitle ?? t("sync.product")} · ${link.role}`}
                  </Text>
                  <fetcher.Form
                    method="post"
                    action={`/app/assets/${assetId}/links`}
                  >
                    <input type="hidden" name="intent" value="unlink" />
                    <input type="hidden" name="linkId" value={link.id} />
                    <Button submit variant="plain" tone="critical">
                      {t("sync.unlink")}
                    </Button>
                  </fetcher.Form>
                </InlineStack>
              ))}
            </BlockStack>
          ))}
          {usage.approved ? (
            <fetcher.Form method="post" action={`/app/assets/${assetId}/links`}>
              <input type="hidden" name="intent" value="link" />
              <FormLayout>
                <Text as="h3" variant="headingSm">
                  {t("sync.linkTitle")}
                </Text>
                <TextField
                  label={t("sync.linkProduct")}
                  name="target"
                  value={target}
                  onChange={setTarget}
                  helpText="Handle or SKU"
                  error={
                    failure?.fieldErrors.target?.join(", ") ??
                    (failure && !Object.keys(failure.fieldErrors).length
                      ? failure.message
                      : undefined)
                  }
                  autoComplete="off"
                />
                <TextField
                  label={t("sync.linkOptionValue")}
                  name="optionValue"
                  value={optionValue}
                  onChange={setOptionValue}
                  helpText={t("sync.linkVariants")}
                  error={failure?.fieldErrors.optionValue?.join(", ")}
                  autoComplete="off"
                />
                <Select
                  label={t("sync.linkRole")}
                  name="role"
                  options={ROLES}
                  value={role}
                  onChange={setRole}
                />
                <Button submit loading={fetcher.state !== "idle"}>
                  {t("sync.link")}
                </Button>
              </FormLayout>
            </fetcher.Form>
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
