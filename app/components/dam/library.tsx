// Presentational pieces of the asset library: grid, list, view toggle and pages. State lives in the URL (filters,
// cursor) and in the route (selection); the filters are library-filters.tsx, the bulk actions library-bulk-bar.tsx.
import { Link as RemixLink, useSearchParams } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Box,
  Button,
  ButtonGroup,
  Checkbox,
  IndexTable,
  InlineGrid,
  InlineStack,
  Pagination,
  Text,
} from "@shopify/polaris";
import type { assetKinds } from "~/dam/dam.schema";
import { useT } from "~/i18n";
import { AssetThumbnail } from "./asset-preview";
import { LocalTime } from "./local-time";
import { AssetStatusBadge, formatBytes } from "./status-badge";

export interface LibraryItem {
  id: string;
  title: string;
  kind: string;
  status: string;
  filename: string;
  bytes: number;
  width: number | null;
  height: number | null;
  thumbhash: string | null;
  createdAt: string;
  pendingApproval: boolean;
  nearDuplicateOfId: string | null;
  thumbnailUrl: string | null;
}

export function ViewToggle({
  view,
  onChange,
}: {
  view: "grid" | "list";
  onChange: (view: "grid" | "list") => void;
}) {
  const t = useT();
  return (
    <ButtonGroup variant="segmented">
      <Button pressed={view === "grid"} onClick={() => onChange("grid")}>
        {t("dam.library.gridView")}
      </Button>
      <Button pressed={view === "list"} onClick={() => onChange("list")}>
        {t("dam.library.listView")}
      </Button>
    </ButtonGroup>
  );
}

interface ListProps {
  items: LibraryItem[];
  selected: string[];
  onSelect: (ids: string[]) => void;
}

const toggle = (selected: string[], id: string) =>
  selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id];

export function LibraryGrid({ items, selected, onSelect }: ListProps) {
  const t = useT();
  return (
    <InlineGrid columns={{ xs: 2, sm: 3, md: 4, lg: 6 }} gap="300">
      {items.map((item) => (
        <Box
          key={item.id}
          borderWidth="025"
          borderColor="border"
          borderRadius="200"
          padding="200"
        >
          <BlockStack gap="150" inlineAlign="start">
            <div data-asset-id={item.id} className="dam-grid-item">
              <RemixLink to={`/app/assets/${item.id}`}>
                <AssetThumbnail
                  kind={item.kind}
                  title={item.title}
                  url={item.thumbnailUrl}
                  thumbhash={item.thumbhash}
                />
              </RemixLink>
            </div>
            <Checkbox
              label={item.title}
              checked={selected.includes(item.id)}
              onChange={() => onSelect(toggle(selected, item.id))}
            />
            <InlineStack gap="100">
              <AssetStatusBadge status={item.status} />
              {item.pendingApproval && item.status === "APPROVED" && (
                <Badge tone="attention">
                  {t("dam.library.pendingVersion")}
                </Badge>
              )}
              {item.nearDuplicateOfId && (
                <Badge tone="warning">{t("dam.library.nearDuplicate")}</Badge>
              )}
            </InlineStack>
          </BlockStack>
        </Box>
      ))}
    </InlineGrid>
  );
}

export function LibraryList({ items, selected, onSelect }: ListProps) {
  const t = useT();
  return (
    <IndexTable
      resourceName={{ singular: "asset", plural: "assets" }}
      itemCount={items.length}
      selectedItemsCount={
        selected.length === items.length && items.length > 0
          ? "All"
          : selected.length
      }
      onSelectionChange={(type, checked, id) => {
        if (type === "page" || type === "all")
          onSelect(checked ? items.map((i) => i.id) : []);
        else if (typeof id === "string") onSelect(toggle(selected, id));
      }}
      headings={[
        { title: "" },
        { title: t("dam.library.columns.asset") },
        { title: t("dam.library.columns.status") },
        { title: t("dam.library.columns.type") },
        { title: t("dam.library.columns.dimensions") },
        { title: t("dam.library.columns.size") },
        { title: t("dam.library.columns.uploaded") },
      ]}
    >
      {items.map((item, index) => (
        <IndexTable.Row
          id={item.id}
          key={item.id}
          position={index}
          selected={selected.includes(item.id)}
        >
          <IndexTable.Cell>
            <AssetThumbnail
              kind={item.kind}
              title={item.title}
              url={item.thumbnailUrl}
              thumbhash={item.thumbhash}
              size="small"
            />
          </IndexTable.Cell>
          <IndexTable.Cell>
            <RemixLink to={`/app/assets/${item.id}`}>{item.title}</RemixLink>
            <Text as="p" tone="subdued" variant="bodySm">
              {item.filename}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <AssetStatusBadge status={item.status} />
          </IndexTable.Cell>
          <IndexTable.Cell>
            {t(`dam.kind.${item.kind as (typeof assetKinds)[number]}`)}
          </IndexTable.Cell>
          <IndexTable.Cell>
            {item.width && item.height ? `${item.width} × ${item.height}` : "—"}
          </IndexTable.Cell>
          <IndexTable.Cell>{formatBytes(item.bytes)}</IndexTable.Cell>
          <IndexTable.Cell>
            <LocalTime iso={item.createdAt} dateOnly />
          </IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}

/** Keyset pages: forward by cursor, back to the first page. */
export function LibraryPagination({
  nextCursor,
}: {
  nextCursor: string | null;
}) {
  const [params, setParams] = useSearchParams();
  const hasPrevious = params.has("cursor");
  if (!nextCursor && !hasPrevious) return null;
  const go = (cursor: string | null) => {
    const next = new URLSearchParams(params);
    if (cursor) next.set("cursor", cursor);
    else next.delete("cursor");
    setParams(next);
  };
  return (
    <InlineStack align="center">
      <Pagination
        hasPrevious={hasPrevious}
        onPrevious={() => go(null)}
        hasNext={Boolean(nextCursor)}
        onNext={() => go(nextCursor)}
      />
    </InlineStack>
  );
}
