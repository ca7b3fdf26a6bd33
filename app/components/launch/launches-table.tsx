// The launches list: one row per launch with its go-live time, status and progress (n of N ready before go-live,
// n of N live after), the name linking to the launch page.
import { IndexTable, Link, Text } from "@shopify/polaris";
import { LocalTime } from "~/components/dam/local-time";
import { useT } from "~/i18n";
import type { LaunchStatus } from "~/launch/launch.schema";
import { LaunchStatusBadge } from "./launch-status-badge";

export interface LaunchListRow {
  id: string;
  name: string;
  status: LaunchStatus;
  /** ISO; null when it goes live by hand. */
  goLiveAt: string | null;
  productCount: number;
  /** Products ready on every channel, before go-live; null after. */
  readyCount: number | null;
  /** Products live on every included channel (after go-live). */
  liveCount: number;
}

const RELEASED: readonly LaunchStatus[] = ["RELEASING", "LIVE"];

export function LaunchesTable({ rows }: { rows: LaunchListRow[] }) {
  const t = useT();
  return (
    <IndexTable
      resourceName={{ singular: "launch", plural: "launches" }}
      itemCount={rows.length}
      selectable={false}
      headings={[
        { title: t("launch.name") },
        { title: t("launch.goLive") },
        { title: t("launch.status") },
        { title: t("launch.ready") },
      ]}
    >
      {rows.map((row, index) => (
        <IndexTable.Row id={row.id} key={row.id} position={index}>
          <IndexTable.Cell>
            <Link
              dataPrimaryLink
              url={`/app/launches/${row.id}`}
              monochrome
              removeUnderline
            >
              <Text as="span" fontWeight="semibold">
                {row.name}
              </Text>
            </Link>
          </IndexTable.Cell>
          <IndexTable.Cell>
            {row.goLiveAt ? (
              <LocalTime iso={row.goLiveAt} />
            ) : (
              t("launch.notScheduled")
            )}
          </IndexTable.Cell>
          <IndexTable.Cell>
            <LaunchStatusBadge status={row.status} />
          </IndexTable.Cell>
          <IndexTable.Cell>
            <span data-launch-count>
              {RELEASED.includes(row.status)
                ? t("launch.goLiveCard.progress", {
                    live: row.liveCount,
                    total: row.productCount,
                  })
                : row.readyCount === null
                  ? t("launch.products", { count: row.productCount })
                  : t("launch.readyCount", {
                      ready: row.readyCount,
                      total: row.productCount,
                    })}
            </span>
          </IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}
