// The asset library: search and filters in the URL, grid or list, bulk actions, and the upload drop zone.
import { json } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import {
  BlockStack,
  Card,
  EmptyState,
  Layout,
  Page,
  Text,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import { UploadDropZone } from "~/components/dam/upload-drop-zone";
import { SpinFolderUpload } from "~/components/dam/spin-folder-upload";
import { useRevalidateWhile } from "~/components/use-revalidate-while";
import {
  LibraryGrid,
  LibraryList,
  LibraryPagination,
  ViewToggle,
} from "~/components/dam/library";
import { BulkBar } from "~/components/dam/library-bulk-bar";
import { LibraryFilters } from "~/components/dam/library-filters";
import { libraryActionSchema, parseAssetSearch } from "~/dam/dam.schema";
import { directUploadsEnabled } from "~/dam/direct-upload.server";
import { maxUploadBytes } from "~/dam/ingest.server";
import { loadLibrary, runLibraryAction } from "~/dam/library.server";
import { useT } from "~/i18n";
import { failureOf } from "~/lib/action-result";
import {
  actionFailure,
  actorOf,
  loaderFailure,
  parseForm,
} from "~/lib/http.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  try {
    const search = parseAssetSearch(new URL(request.url).searchParams);
    const library = await loadLibrary(session.shop, search);
    return {
      ...library,
      maxMb: Math.round(maxUploadBytes() / 1024 / 1024),
      directUpload: directUploadsEnabled(),
      filtered: Object.keys(search).length > 0,
    };
  } catch (error) {
    return loaderFailure(error);
  }
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const auth = await authenticate.admin(request);
  try {
    const input = await parseForm(request, libraryActionSchema);
    return json(
      await runLibraryAction(auth.session.shop, input, actorOf(auth)),
    );
  } catch (error) {
    return actionFailure(error);
  }
};

export default function AssetLibrary() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const [params] = useSearchParams();
  const bulk = useFetcher<typeof action>();
  const bulkFailure = failureOf(bulk.data);
  const [view, setView] = useState<"grid" | "list">(
    params.get("view") === "list" ? "list" : "grid",
  );
  const [selected, setSelected] = useState<string[]>([]);
  // While thumbnails are being rendered, look again every 2 s (bounded: a stuck job must not poll forever).
  const polling = useRevalidateWhile(
    data.items.some((item) => item.kind === "IMAGE" && !item.thumbnailUrl),
  );

  useEffect(() => {
    if (bulk.state === "idle" && bulk.data && "count" in bulk.data)
      setSelected([]);
  }, [bulk.state, bulk.data]);

  const onUploaded = polling.restart;

  const empty = data.items.length === 0 && !data.filtered;
  return (
    <Page title={t("dam.library.title")} fullWidth>
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="400">
              <UploadDropZone
                maxMb={data.maxMb}
                direct={data.directUpload}
                onUploaded={onUploaded}
              />
              <SpinFolderUpload onUploaded={onUploaded} />
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            {empty ? (
              <EmptyState
                heading={t("dam.library.emptyHeading")}
                image="/empty-state.svg"
              >
                <p>{t("dam.library.emptyBody")}</p>
              </EmptyState>
            ) : (
              <BlockStack gap="0">
                <LibraryFilters collections={data.collections} />
                <div style={{ padding: "var(--p-space-300)" }}>
                  <BlockStack gap="300">
                    <ViewToggle view={view} onChange={setView} />
                    {selected.length > 0 && (
                      <BulkBar selected={selected} fetcher={bulk} />
                    )}
                    {bulkFailure && (
                      <Text as="p" tone="critical">
                        {bulkFailure.message}
                      </Text>
                    )}
                    {data.items.length === 0 ? (
                      <Text as="p" tone="subdued" alignment="center">
                        {t("dam.library.noResults")}
                      </Text>
                    ) : view === "grid" ? (
                      <LibraryGrid
                        items={data.items}
                        selected={selected}
                        onSelect={setSelected}
                      />
                    ) : (
                      <LibraryList
                        items={data.items}
                        selected={selected}
                        onSelect={setSelected}
                      />
                    )}
                    <LibraryPagination nextCursor={data.nextCursor} />
                  </BlockStack>
                </div>
              </BlockStack>
            )}
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
