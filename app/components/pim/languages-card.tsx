// A product's content in the shop's other languages (each translation Live, Outdated, Missing or waiting for the
// storefront) and its colour swatches, on the product page.
import {
  Badge,
  BlockStack,
  Box,
  Card,
  InlineStack,
  Link,
  Text,
} from "@shopify/polaris";
import { useT } from "~/i18n";
import { SwatchCropForm } from "./swatch-crop-form";

type Status = "LIVE" | "OUTDATED" | "MISSING" | "PENDING";

export interface LanguagesCardProps {
  /** The product's per-market gallery screen. */
  marketsUrl?: string;
  translations: {
    locales: string[];
    rows: {
      subject: string;
      owner: string;
      locale: string;
      status: Status;
      value: string | null;
    }[];
  };
  swatches: {
    label: string;
    color: string | null;
    written: boolean;
    cropped: boolean;
    cropPoint: { x: number; y: number } | null;
  }[];
}

const TONES: Record<Status, "success" | "warning" | "critical" | "info"> = {
  LIVE: "success",
  OUTDATED: "warning",
  MISSING: "critical",
  PENDING: "info",
};

function useSubject() {
  const t = useT();
  return (subject: string) => {
    const [kind, key = ""] = subject.split(":");
    if (kind === "attribute") return t("languages.attribute", { key });
    if (kind === "alt") return t("languages.alt");
    if (kind === "gallery") return t("languages.gallery");
    return t("languages.productText", { key });
  };
}

export function LanguagesCard({
  translations,
  swatches,
  marketsUrl,
}: LanguagesCardProps) {
  const t = useT();
  const subject = useSubject();
  return (
    <div id="product-languages">
      <Card>
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h2" variant="headingMd">
              {t("languages.title")}
            </Text>
            {marketsUrl && (
              <Link url={marketsUrl}>{t("media.marketGalleries.link")}</Link>
            )}
          </InlineStack>
          {translations.locales.length === 0 ? (
            <Text as="p" tone="subdued">
              {t("languages.oneLanguage")}
            </Text>
          ) : (
            translations.locales.map((locale) => {
              const rows = translations.rows.filter((r) => r.locale === locale);
              return (
                <BlockStack gap="100" key={locale}>
                  <Text as="h3" variant="headingSm">
                    {t("languages.locale", { locale: locale.toUpperCase() })}
                  </Text>
                  {rows.length === 0 && (
                    <Text as="p" tone="subdued">
                      {t("languages.nothing")}
                    </Text>
                  )}
                  {rows.map((row) => (
                    <InlineStack
                      key={`${row.owner}|${row.subject}`}
                      gap="200"
                      blockAlign="center"
                    >
                      <Badge tone={TONES[row.status]}>
                        {t(`languages.status.${row.status}`)}
                      </Badge>
                      <Text as="span">{subject(row.subject)}</Text>
                      {row.value && (
                        <Text as="span" tone="subdued" truncate>
                          {row.value}
                        </Text>
                      )}
                    </InlineStack>
                  ))}
                </BlockStack>
              );
            })
          )}
          <Text as="h3" variant="headingSm">
            {t("languages.swatches")}
          </Text>
          {swatches.length === 0 ? (
            <Text as="p" tone="subdued">
              {t("languages.noSwatches")}
            </Text>
          ) : (
            <InlineStack gap="300">
              {swatches.map((s) => (
                <InlineStack key={s.label} gap="100" blockAlign="center">
                  <Box
                    minWidth="20px"
                    minHeight="20px"
                    borderRadius="full"
                    borderWidth="025"
                    borderColor="border"
                  >
                    <span
                      aria-hidden
                      style={{
                        display: "block",
                        width: 20,
                        height: 20,
                        borderRadius: "50%",
                        background: s.color ?? "transparent",
                      }}
                    />
                  </Box>
                  <Text as="span" tone={s.written ? undefined : "subdued"}>
                    {s.color
                      ? s.label
                      : `${s.label} (${t("languages.noColour")})`}
                  </Text>
                  {s.cropped && (
                    <SwatchCropForm label={s.label} point={s.cropPoint} />
                  )}
                </InlineStack>
              ))}
            </InlineStack>
          )}
        </BlockStack>
      </Card>
    </div>
  );
}
