// The product page's images: the linked assets in the storefront's order, each with its thumbnail, role, the
// variants it shows on and the version the channels show; each opens its asset page.
import {
  Badge,
  BlockStack,
  Card,
  InlineStack,
  Link,
  Text,
  Thumbnail,
} from "@shopify/polaris";
import { ImageIcon } from "@shopify/polaris-icons";
import { useT } from "~/i18n";
import type { ProductImage } from "~/sync/product-images";

export function ProductImagesCard({ images }: { images: ProductImage[] }) {
  const t = useT();
  return (
    <div id="product-images">
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {t("sync.imagesTitle")}
          </Text>
          {images.length === 0 ? (
            <Text as="p" tone="subdued">
              {t("sync.imagesNone")}
            </Text>
          ) : (
            images.map((image, index) => (
              <InlineStack
                key={`${image.assetId}:${image.role}`}
                gap="300"
                blockAlign="center"
                wrap={false}
              >
                <Text as="span" tone="subdued">
                  {t("sync.imagePosition", { position: index + 1 })}
                </Text>
                <Thumbnail
                  source={image.thumbnailUrl ?? ImageIcon}
                  alt={image.title}
                  size="small"
                />
                <BlockStack gap="050">
                  <InlineStack gap="100" blockAlign="center">
                    <Link url={`/app/assets/${image.assetId}`}>
                      {image.title}
                    </Link>
                    <Badge>{t(`sync.role.${image.role as "FRONT"}`)}</Badge>
                    {image.versionNumber ? (
                      <Badge tone="info">{`v${image.versionNumber}`}</Badge>
                    ) : null}
                  </InlineStack>
                  <Text as="span" tone="subdued" variant="bodySm">
                    {image.variants.length
                      ? image.variants.join(", ")
                      : t("sync.wholeProduct")}
                  </Text>
                </BlockStack>
              </InlineStack>
            ))
          )}
        </BlockStack>
      </Card>
    </div>
  );
}
