// The products index's table: one row per product with its family, PIM status and completeness on the chosen
// channel (the other channels in small print), selectable for bulk approval (an incomplete selection asks for a
// reason first); paging below.
import {
  Badge,
  IndexTable,
  InlineStack,
  Link,
  Pagination,
  Text,
  useIndexResourceState,
} from "@shopify/polaris";
import { memo } from "react";
import { useSearchParam } from "~/components/use-search-param";
import { useT } from "~/i18n";
import { CHANNELS, type Channel } from "~/pim/channels";
import { PimStatusBadge, ShopifyStatusBadge } from "./pim-status-badge";

export type ProductRow = {
  id: string;
  title: string;
  familyName: string | null;
  pimStatus: string;
  /** Shopify's product status (ACTIVE, DRAFT, ARCHIVED, UNLISTED). */
  status: string;
  vendor: string | null;
  productType: string | null;
  variants: number;
  completeness: Partial<Record<Channel, number>>;
};

function completenessTone(percent: number) {
  return percent === 100 ? "success" : percent >= 50 ? "attention" : "critical";
}

function CompletenessCell({
  row,
  channel,
}: {
  row: ProductRow;
  channel: Channel;
}) {
  const t = useT();
  const percent = row.completeness[channel];
  if (percent === undefined) return <>—</>;
  return (
    <InlineStack gap="100" wrap={false}>
      <Badge tone={completenessTone(percent)}>{`${percent}%`}</Badge>
      {CHANNELS.filter(
        (c) => c !== channel && row.completeness[c] !== undefined,
      ).map((c) => (
        <Text as="span" key={c} tone="subdued" variant="bodySm">
          {`${t(`pim.channel.${c}`)} ${row.completeness[c]}%`}
        </Text>
      ))}
    </InlineStack>
  );
}

/**
 * One row; memoised so a selection change re-renders only the rows it changes. The title is the row's primary
 * link: a click anywhere on the row opens the product, and so does Enter on the focused link (keyboard only).
 */
const ProductTableRow = memo(function ProductTableRow({
  row,
  index,
  channel,
  selected,
}: {
  row: ProductRow;
  index: number;
  channel: Channel;
  selected: boolean;
}) {
  return (
    <IndexTable.Row id={row.id} position={index} selected={selected}>
      <IndexTable.Cell>
        <Link
          dataPrimaryLink
          url={`/app/products/${row.id}`}
          monochrome
          removeUnderline
        >
          <Text as="span" fontWeight="semibold">
            {row.title}
          </Text>
        </Link>
      </IndexTable.Cell>
      <IndexTable.Cell>{row.familyName ?? "—"}</IndexTable.Cell>
      <IndexTable.Cell>
        <PimStatusBadge status={row.pimStatus} />
      </IndexTable.Cell>
      <IndexTable.Cell>
        <ShopifyStatusBadge status={row.status} />
      </IndexTable.Cell>
      <IndexTable.Cell>
        <CompletenessCell row={row} channel={channel} />
      </IndexTable.Cell>
      <IndexTable.Cell>{row.vendor ?? ""}</IndexTable.Cell>
      <IndexTable.Cell>{row.productType ?? ""}</IndexTable.Cell>
      <IndexTable.Cell>{row.variants}</IndexTable.Cell>
    </IndexTable.Row>
  );
});

export function ProductsTable({
  rows,
  channel,
  page,
  hasNext,
  onApprove,
}: {
  rows: ProductRow[];
  channel: Channel;
  page: number;
  hasNext: boolean;
  onApprove: (ids: string[]) => void;
}) {
  const t = useT();
  const setParam = useSearchParam();
  const { selectedResources, allResourcesSelected, handleSelectionChange } =
    useIndexResourceState(rows);
  return (
    <>
      <IndexTable
        resourceName={{
          singular: t("pim.index.product"),
          plural: t("pim.index.products"),
        }}
        itemCount={rows.length}
        selectedItemsCount={
          allResourcesSelected ? "All" : selectedResources.length
        }
        onSelectionChange={handleSelectionChange}
        promotedBulkActions={[
          {
            content: t("pim.index.approve"),
            onAction: () => onApprove(selectedResources),
          },
        ]}
        headings={[
          { title: t("pim.index.product") },
          { title: t("pim.index.family") },
          { title: t("pim.index.status") },
          { title: t("pim.index.shopifyStatus") },
          {
            title: t("pim.index.completenessOn", {
              channel: t(`pim.channel.${channel}`),
            }),
          },
          { title: t("pim.index.vendor") },
          { title: t("pim.index.type") },
          { title: t("pim.index.variants") },
        ]}
      >
        {rows.map((row, index) => (
          <ProductTableRow
            key={row.id}
            row={row}
            index={index}
            channel={channel}
            selected={selectedResources.includes(row.id)}
          />
        ))}
      </IndexTable>
      <div
        style={{ padding: "12px", display: "flex", justifyContent: "center" }}
      >
        <Pagination
          hasPrevious={page > 1}
          hasNext={hasNext}
          onPrevious={() => setParam("page", String(page - 1))}
          onNext={() => setParam("page", String(page + 1))}
        />
      </div>
    </>
  );
}
