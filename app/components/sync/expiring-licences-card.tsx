// Dashboard: assets whose licence ends soon, with the products the expiry would leave without an image — so the
// merchant can extend the licence or link another image before the channels withdraw it.
import {
  Badge,
  BlockStack,
  Card,
  InlineStack,
  Link,
  Text,
} from "@shopify/polaris";
import { LocalTime } from "~/components/dam/local-time";
import { useT } from "~/i18n";

export interface ExpiringLicence {
  id: string;
  title: string;
  /** ISO date (loader data is serialised). */
  validUntil: string;
  products: { id: string; title: string }[];
  leftWithoutImage: { id: string; title: string }[];
}

export function ExpiringLicencesCard({
  rows,
  days,
}: {
  rows: ExpiringLicence[];
  days: number;
}) {
  const t = useT();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("dashboard.expiring.title")}
        </Text>
        {rows.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("dashboard.expiring.none", { days })}
          </Text>
        ) : (
          <BlockStack gap="300">
            <Text as="p" tone="subdued">
              {t("dashboard.expiring.intro", { days })}
            </Text>
            {rows.map((row) => (
              <BlockStack key={row.id} gap="100">
                <InlineStack gap="200" blockAlign="center">
                  <Link url={`/app/assets/${row.id}`} removeUnderline>
                    <Text as="span" fontWeight="semibold">
                      {row.title}
                    </Text>
                  </Link>
                  <Text as="span" tone="subdued">
                    {t("dashboard.expiring.ends")}{" "}
                    <LocalTime iso={row.validUntil} dateOnly />
                  </Text>
                  {row.leftWithoutImage.length > 0 ? (
                    <Badge tone="critical">
                      {t("dashboard.expiring.withoutImageCount", {
                        count: row.leftWithoutImage.length,
                      })}
                    </Badge>
                  ) : null}
                </InlineStack>
                <Text as="p" tone="subdued">
                  {row.leftWithoutImage.length > 0
                    ? t("dashboard.expiring.withoutImage", {
                        products: row.leftWithoutImage
                          .map((p) => p.title)
                          .join(", "),
                      })
                    : t("dashboard.expiring.othersRemain", {
                        count: row.products.length,
                      })}
                </Text>
              </BlockStack>
            ))}
          </BlockStack>
        )}
      </BlockStack>
    </Card>
  );
}
