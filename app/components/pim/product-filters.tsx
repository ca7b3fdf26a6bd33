// The products index's filter bar: search plus family, status, vendor, type, the completeness channel and level.
// Each select applies at once through the URL; the search applies on submit.
import { Form, useSearchParams } from "@remix-run/react";
import { Button, InlineStack, Select, TextField } from "@shopify/polaris";
import { useState } from "react";
import { useSearchParam } from "~/components/use-search-param";
import { useT } from "~/i18n";
import { CHANNELS } from "~/pim/channels";
import { PIM_STATUSES } from "./pim-status-badge";

export interface ProductFilterValues {
  q?: string;
  familyId?: string;
  status?: string;
  vendor?: string;
  productType?: string;
  channel: string;
  completeness?: string;
}

export function ProductFilters({
  query,
  families,
  facets,
}: {
  query: ProductFilterValues;
  families: { id: string; name: string }[];
  facets: { vendors: string[]; productTypes: string[] };
}) {
  const t = useT();
  const [params] = useSearchParams();
  const setParam = useSearchParam();
  const [q, setQ] = useState(query.q ?? "");
  const any = { label: t("pim.index.any"), value: "" };
  const select = (
    key: keyof ProductFilterValues,
    label: string,
    options: { label: string; value: string }[],
  ) => (
    <Select
      label={label}
      value={query[key] ?? ""}
      onChange={(v) => setParam(key, v)}
      options={options}
    />
  );
  const values = (list: string[]) => list.map((v) => ({ label: v, value: v }));
  return (
    <Form method="get">
      {[...params.entries()]
        .filter(([key]) => key !== "q" && key !== "page")
        .map(([key, value]) => (
          <input key={key} type="hidden" name={key} value={value} />
        ))}
      <InlineStack gap="200" blockAlign="end" wrap>
        <div style={{ minWidth: 240 }}>
          <TextField
            label={t("pim.index.search")}
            name="q"
            value={q}
            onChange={setQ}
            autoComplete="off"
            clearButton
            onClearButtonClick={() => setParam("q", "")}
          />
        </div>
        {select("familyId", t("pim.index.family"), [
          any,
          { label: t("pim.index.noFamily"), value: "none" },
          ...families.map((f) => ({ label: f.name, value: f.id })),
        ])}
        {select("status", t("pim.index.status"), [
          any,
          ...PIM_STATUSES.map((s) => ({
            label: t(`pim.status.${s}`),
            value: s,
          })),
        ])}
        {select("vendor", t("pim.index.vendor"), [
          any,
          ...values(facets.vendors),
        ])}
        {select("productType", t("pim.index.type"), [
          any,
          ...values(facets.productTypes),
        ])}
        {select(
          "channel",
          t("pim.index.channel"),
          CHANNELS.map((c) => ({ label: t(`pim.channel.${c}`), value: c })),
        )}
        {select("completeness", t("pim.index.completeness"), [
          any,
          { label: t("pim.index.complete"), value: "complete" },
          { label: t("pim.index.incomplete"), value: "incomplete" },
        ])}
        <Button submit>{t("pim.index.apply")}</Button>
      </InlineStack>
    </Form>
  );
}
