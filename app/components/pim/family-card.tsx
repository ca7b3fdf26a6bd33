// The product's family (which attributes it has and which are required where); changing it posts at once.
import { BlockStack, Card, Select, Text } from "@shopify/polaris";
import { useT } from "~/i18n";

export function FamilyCard({
  familyId,
  families,
  onChange,
}: {
  familyId: string | null;
  families: { id: string; name: string }[];
  onChange: (familyId: string) => void;
}) {
  const t = useT();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("pim.editor.family")}
        </Text>
        <Select
          label={t("pim.editor.setFamily")}
          labelHidden
          options={[
            { label: t("pim.editor.noFamily"), value: "" },
            ...families.map((f) => ({ label: f.name, value: f.id })),
          ]}
          value={familyId ?? ""}
          onChange={onChange}
        />
      </BlockStack>
    </Card>
  );
}
