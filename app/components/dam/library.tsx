// Presentational pieces of the asset library. State lives in the URL (filters, cursor) and in the route (selection).
import {
  Link as RemixLink,
  useSearchParams,
  type FetcherWithComponents,
} from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Box,
  Button,
  ButtonGroup,
  Checkbox,
  ChoiceList,
  Filters,
  IndexTable,
  InlineGrid,
  InlineStack,
  Pagination,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import {
  assetKinds,
  assetOrientations,
  assetSorts,
  assetStatuses,
} from "~/dam/dam.schema";
import { useT, type MessageKey } from "~/i18n";
import type { ActionFailure } from "~/lib/action-result";
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

// The same lists the search schema accepts (dam.schema.ts), so a filter the UI offers always parses.
const statuses = assetStatuses;
const kinds = assetKinds;
const orientations = assetOrientations;
const sorts = assetSorts;

/** Search box, filter chips and sort, all kept in the query string (so a filtered view can be shared). */
export function LibraryFilters({
  collections,
}: {
  collections: { id: string; name: string }[];
}) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const [query, setQuery] = useState(params.get("q") ?? "");

  const set = (key: string, value: string | string[] | null) => {
    const next = new URLSearchParams(params);
    next.delete(key);
    next.delete("cursor");
    for (const v of Array.isArray(value) ? value : value ? [value] : [])
      next.append(key, v);
    setParams(next, { replace: true });
  };

  useEffect(() => {
    if (query === (params.get("q") ?? "")) return;
    const timer = setTimeout(() => set("q", query || null), 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query]);

  const choice = (
    key: string,
    values: readonly string[],
    label: (v: string) => string,
    multiple = true,
  ) => (
    <ChoiceList
      title={key}
      titleHidden
      allowMultiple={multiple}
      choices={values.map((v) => ({ label: label(v), value: v }))}
      selected={params.getAll(key)}
      onChange={(selected) => set(key, selected)}
    />
  );
  const text = (
    key: string,
    label: MessageKey,
    type: "text" | "number" = "text",
  ) => (
    <TextField
      label={t(label)}
      labelHidden
      type={type}
      autoComplete="off"
      value={params.get(key) ?? ""}
      onChange={(value) => set(key, value || null)}
    />
  );

  const MB = 1024 * 1024;
  const megabytes = (key: string, label: MessageKey) => (
    <TextField
      label={t(label)}
      type="number"
      min={0}
      autoComplete="off"
      suffix="MB"
      value={params.get(key) ? String(Number(params.get(key)) / MB) : ""}
      onChange={(value) =>
        set(key, value ? String(Math.round(Number(value) * MB)) : null)
      }
    />
  );
  const day = (key: string, label: MessageKey) => (
    <TextField
      label={t(label)}
      type="date"
      autoComplete="off"
      value={params.get(key) ?? ""}
      onChange={(value) => set(key, value || null)}
    />
  );

  const filters = [
    {
      key: "status",
      label: t("dam.filters.status"),
      filter: choice("status", statuses, (v) =>
        t(`dam.status.${v as (typeof statuses)[number]}`),
      ),
      shortcut: true,
    },
    {
      key: "kind",
      label: t("dam.filters.kind"),
      filter: choice("kind", kinds, (v) =>
        t(`dam.kind.${v as (typeof kinds)[number]}`),
      ),
      shortcut: true,
    },
    {
      key: "tag",
      label: t("dam.filters.tag"),
      filter: text("tag", "dam.filters.tag"),
    },
    ...(collections.length
      ? [
          {
            key: "collectionId",
            label: t("dam.filters.collection"),
            filter: choice(
              "collectionId",
              collections.map((c) => c.id),
              (id) => collections.find((c) => c.id === id)?.name ?? id,
              false,
            ),
          },
        ]
      : []),
    {
      key: "orientation",
      label: t("dam.filters.orientation"),
      filter: choice(
        "orientation",
        orientations,
        (v) => t(`dam.orientation.${v as (typeof orientations)[number]}`),
        false,
      ),
    },
    {
      key: "expiringWithinDays",
      label: t("dam.filters.expiring"),
      filter: text("expiringWithinDays", "dam.filters.expiring", "number"),
    },
    {
      key: "uploadedBy",
      label: t("dam.filters.uploadedBy"),
      filter: text("uploadedBy", "dam.filters.uploadedBy"),
    },
    {
      key: "minBytes",
      label: t("dam.filters.minSize"),
      filter: megabytes("minBytes", "dam.filters.minSize"),
    },
    {
      key: "maxBytes",
      label: t("dam.filters.maxSize"),
      filter: megabytes("maxBytes", "dam.filters.maxSize"),
    },
    {
      key: "uploadedFrom",
      label: t("dam.filters.uploadedFrom"),
      filter: day("uploadedFrom", "dam.filters.uploadedFrom"),
    },
    {
      key: "uploadedTo",
      label: t("dam.filters.uploadedTo"),
      filter: day("uploadedTo", "dam.filters.uploadedTo"),
    },
  ];
  const applied = filters
    .filter((f) => params.getAll(f.key).length > 0)
    .map((f) => ({
      key: f.key,
      label: `${f.label}: ${params
        .getAll(f.key)
        .map((v) =>
          f.key === "collectionId"
            ? (collections.find((c) => c.id === v)?.name ?? v)
            : f.key === "minBytes" || f.key === "maxBytes"
              ? `${(Number(v) / MB).toFixed(1)} MB`
              : v,
        )
        .join(", ")}`,
      onRemove: () => set(f.key, null),
    }));

  return (
    <Box padding="200">
      <InlineStack gap="200" wrap={false} blockAlign="center">
        <div style={{ flex: 1 }}>
          <Filters
            queryValue={query}
            queryPlaceholder={t("dam.library.searchPlaceholder")}
            onQueryChange={setQuery}
            onQueryClear={() => setQuery("")}
            filters={filters}
            appliedFilters={applied}
            onClearAll={() =>
              setParams(new URLSearchParams(), { replace: true })
            }
          />
        </div>
        <Select
          label={t("dam.filters.sort")}
          labelInline
          options={sorts.map((s) => ({ label: t(`dam.sort.${s}`), value: s }))}
          value={params.get("sort") ?? "newest"}
          onChange={(value) => set("sort", value)}
        />
      </InlineStack>
    </Box>
  );
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

type BulkFetcher = FetcherWithComponents<{ count: number } | ActionFailure>;

/** Approve, archive, tag or collect the selected assets. */
export function BulkBar({
  selected,
  fetcher,
}: {
  selected: string[];
  fetcher: BulkFetcher;
}) {
  const t = useT();
  const [mode, setMode] = useState<"tag" | "collect" | null>(null);
  const [value, setValue] = useState("");
  const submit = (intent: string, extra: Record<string, string> = {}) =>
    fetcher.submit(
      { intent, ids: selected.join(","), ...extra },
      { method: "post" },
    );
  const busy = fetcher.state !== "idle";
  return (
    <Box background="bg-surface-secondary" padding="200" borderRadius="200">
      <InlineStack gap="200" blockAlign="center">
        <Text as="span" fontWeight="semibold">
          {t("dam.library.selected", { count: selected.length })}
        </Text>
        <Button
          onClick={() => submit("approve")}
          loading={busy}
          variant="primary"
        >
          {t("dam.library.approve")}
        </Button>
        <Button onClick={() => setMode("tag")}>
          {t("dam.library.addTag")}
        </Button>
        <Button onClick={() => setMode("collect")}>
          {t("dam.library.addToCollection")}
        </Button>
        <Button
          onClick={() => submit("archive")}
          tone="critical"
          loading={busy}
        >
          {t("dam.library.archive")}
        </Button>
        {mode && (
          <InlineStack gap="100" blockAlign="center">
            <TextField
              label={t(
                mode === "tag"
                  ? "dam.library.tagPrompt"
                  : "dam.library.collectionPrompt",
              )}
              labelHidden
              placeholder={t(
                mode === "tag"
                  ? "dam.library.tagPrompt"
                  : "dam.library.collectionPrompt",
              )}
              autoComplete="off"
              value={value}
              onChange={setValue}
            />
            <Button
              disabled={!value.trim()}
              onClick={() => {
                submit(
                  mode === "tag" ? "tag" : "collect",
                  mode === "tag" ? { tag: value } : { collection: value },
                );
                setMode(null);
                setValue("");
              }}
            >
              {t("dam.library.apply")}
            </Button>
            <Button variant="plain" onClick={() => setMode(null)}>
              {t("dam.library.cancel")}
            </Button>
          </InlineStack>
        )}
      </InlineStack>
    </Box>
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
            {t(`dam.kind.${item.kind as (typeof kinds)[number]}`)}
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
