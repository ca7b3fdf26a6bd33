// One asset: preview, details, versions (upload, restore, approve), approval, tags, collections, alt text per
// locale, rights, audit trail and the "Used by" card the sync engine fills.
import { json } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Card, Layout, Page, Text } from "@shopify/polaris";
import { AssetPreviewImage } from "~/components/dam/asset-preview";
import {
  ApprovalCard,
  DetailsCard,
  RightsCard,
  TagsCard,
  VersionsCard,
} from "~/components/dam/asset-page";
import { AuditCard } from "~/components/dam/audit-card";
import { RichMediaCard } from "~/components/dam/rich-media-card";
import { AssetStatusBadge } from "~/components/dam/status-badge";
import { AssetUsageCard } from "~/components/sync/asset-usage-card";
import { AssetWatchCard } from "~/components/sync/asset-watch-card";
import { useAssetWatch } from "~/components/sync/use-asset-watch";
import { staffNames } from "~/shop/staff.db.server";
import { assetWatch } from "~/sync/asset-watch.db.server";
import { replacementImpact } from "~/sync/dispatch.server";
import { assetLinks } from "~/sync/asset-links.db.server";
import { productChannelStates } from "~/sync/overview.server";
import { UploadDropZone } from "~/components/dam/upload-drop-zone";
import { useRevalidateWhile } from "~/components/use-revalidate-while";
import { assetActionSchema } from "~/dam/dam.schema";
import { directUploadsEnabled } from "~/dam/direct-upload.server";
import { maxUploadBytes } from "~/dam/ingest.server";
import { loadAsset, runAssetAction } from "~/dam/library.server";
import { useT } from "~/i18n";
import {
  actionFailure,
  actorOf,
  loaderFailure,
  parseForm,
  requireParam,
} from "~/lib/http.server";
import { shopLocales } from "~/shop/shop.db.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const assetId = requireParam(params, "id");
  try {
    const [asset, { locales }] = await Promise.all([
      loadAsset(session.shop, assetId),
      shopLocales(session.shop),
    ]);
    const [links, impact, watch, staff] = await Promise.all([
      assetLinks(session.shop, asset.id),
      replacementImpact(session.shop, asset.id),
      assetWatch(session.shop, asset.id),
      staffNames(
        session.shop,
        [
          ...asset.audit.map((e) => e.actor),
          ...asset.versions.flatMap((v) => [v.uploadedBy, v.approvedBy]),
        ].filter((a): a is string => a !== null),
      ),
    ]);
    const states = await productChannelStates(session.shop, [
      ...new Set(links.map((l) => l.productId)),
    ]);
    const usage = {
      approved: asset.status === "APPROVED",
      links,
      impact,
    };
    return {
      asset,
      usage,
      live: { watch, states },
      staff,
      locales,
      maxMb: Math.round(maxUploadBytes() / 1024 / 1024),
      directUpload: directUploadsEnabled(),
    };
  } catch (error) {
    return loaderFailure(error);
  }
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const auth = await authenticate.admin(request);
  const assetId = requireParam(params, "id");
  try {
    const input = await parseForm(request, assetActionSchema);
    await runAssetAction(auth.session.shop, assetId, input, actorOf(auth));
    return json({ ok: true as const, intent: input.intent });
  } catch (error) {
    return actionFailure(error);
  }
};

export default function AssetPage() {
  const { asset, usage, live, staff, locales, maxMb, directUpload } =
    useLoaderData<typeof loader>();
  const t = useT();
  const latest = asset.versions[0];
  // The preview shows what the channels show: the approved version, not a draft uploaded since.
  const current =
    asset.versions.find((v) => v.id === asset.currentVersionId) ?? latest;
  const watched = useAssetWatch(asset.id, live);
  // Until the worker has rendered the new version's preview, look again every 2 s (bounded).
  const polling = useRevalidateWhile(
    asset.kind !== "DOCUMENT" &&
      Boolean(latest && !latest.previewUrl && !latest.renditionError),
  );
  return (
    <Page
      backAction={{ content: t("dam.asset.back"), url: "/app/assets" }}
      title={asset.title}
      titleMetadata={<AssetStatusBadge status={asset.status} />}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {asset.nearDuplicateOfId && (
              <Banner
                tone="warning"
                title={t("dam.asset.nearDuplicate")}
                action={{
                  content: t("dam.asset.openSimilar"),
                  url: `/app/assets/${asset.nearDuplicateOfId}`,
                }}
              >
                <p>{t("dam.asset.nearDuplicateBody")}</p>
              </Banner>
            )}
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t("dam.asset.preview")}
                </Text>
                <div id="asset-preview" data-version={current?.number ?? ""}>
                  <AssetPreviewImage
                    url={current?.previewUrl ?? null}
                    thumbhash={asset.thumbhash}
                    title={asset.title}
                    width={current?.width}
                    height={current?.height}
                  />
                </div>
                {current && latest && current.id !== latest.id && (
                  <Text as="p" tone="subdued">
                    {t("dam.asset.showingLive", {
                      number: current.number,
                      latest: latest.number,
                    })}
                  </Text>
                )}
                {current &&
                  !current.previewUrl &&
                  asset.kind !== "DOCUMENT" && (
                    <Text as="p" tone="subdued">
                      {current.renditionError
                        ? t("dam.asset.renditionError", {
                            message: current.renditionError,
                          })
                        : t("dam.asset.previewPending")}
                    </Text>
                  )}
              </BlockStack>
            </Card>
            <VersionsCard asset={asset} impact={usage.impact} staff={staff}>
              {asset.status !== "ARCHIVED" && (
                <UploadDropZone
                  assetId={asset.id}
                  maxMb={maxMb}
                  direct={directUpload}
                  onUploaded={polling.restart}
                  label={t("dam.asset.uploadVersion")}
                />
              )}
            </VersionsCard>
            <RichMediaCard view={current?.media} title={asset.title} />
            {latest && <DetailsCard version={latest} kind={asset.kind} />}
            <AuditCard
              audit={asset.audit}
              staff={staff}
              versions={asset.versions}
            />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <AssetWatchCard watch={watched.watch} />
            <ApprovalCard asset={asset} impact={usage.impact} />
            <TagsCard asset={asset} />
            <RightsCard asset={asset} locales={locales} />
            <AssetUsageCard
              assetId={asset.id}
              usage={{ ...usage, states: watched.states }}
            />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
