// The asset library's search box, filter chips and sort. State lives in the query string, so a filtered view can be
// shared; the lists offered are the ones the search schema accepts (dam.schema.ts), so a filter always parses.
import { useSearchParams } from "@remix-run/react";
import {
  Box,
  ChoiceList,
  Filters,
  InlineStack,
  Select,
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
    // Only typing debounces into the URL: `set` and `params` change with every navigation, which must not re-fire.
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
      filter: choice("status", assetStatuses, (v) =>
        t(`dam.status.${v as (typeof assetStatuses)[number]}`),
      ),
      shortcut: true,
    },
    {
      key: "kind",
      label: t("dam.filters.kind"),
      filter: choice("kind", assetKinds, (v) =>
        t(`dam.kind.${v as (typeof assetKinds)[number]}`),
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
        assetOrientations,
        (v) => t(`dam.orientation.${v as (typeof assetOrientations)[number]}`),
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
          options={assetSorts.map((s) => ({
            label: t(`dam.sort.${s}`),
            value: s,
          }))}
          value={params.get("sort") ?? "newest"}
          onChange={(value) => set("sort", value)}
        />
      </InlineStack>
    </Box>
  );
}
