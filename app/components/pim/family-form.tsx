// Create or replace a family: its name, the product types and taxonomy categories that select it, and per
// attribute whether it belongs to the family and on which channels it is required. Posts intent "save-family"
// (pim/attributes.schema.ts familyForm).
import { Form } from "@remix-run/react";
import {
  BlockStack,
  Button,
  Card,
  DataTable,
  InlineStack,
  Select,
  Text,
} from "@shopify/polaris";
import { useState } from "react";
import { FormCheckbox, FormTextField } from "~/components/form-fields";
import { useT } from "~/i18n";
import type { ActionFailure } from "~/lib/action-result";
import { requiredFieldName } from "~/pim/attributes.schema";
import { CHANNELS } from "~/pim/channels";

interface Family {
  name: string;
  productTypes: string[];
  categoryIds: string[];
  attributes: { key: string; requiredChannels: string[] }[];
}

export function FamilyForm({
  families,
  attributeKeys,
  failure,
}: {
  families: Family[];
  attributeKeys: string[];
  failure: ActionFailure | undefined;
}) {
  const t = useT();
  const [name, setName] = useState(families[0]?.name ?? "");
  const current = families.find((f) => f.name === name);
  const error = (field: string) => failure?.fieldErrors[field]?.join(" ");
  return (
    <Card>
      <Form method="post">
        <input type="hidden" name="intent" value="save-family" />
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {t("pim.attributes.families")}
          </Text>
          <InlineStack gap="200" blockAlign="end">
            <Select
              label={t("pim.attributes.families")}
              options={[
                ...families.map((f) => ({ label: f.name, value: f.name })),
                { label: "+", value: "" },
              ]}
              value={name}
              onChange={setName}
            />
            {/* Keyed by the family: picking another one starts its fields from its stored values. */}
            <FormTextField
              key={`n-${name}`}
              label={t("pim.attributes.familyName")}
              name="name"
              defaultValue={name}
              error={error("name")}
            />
            <FormTextField
              key={`t-${name}`}
              label={t("pim.attributes.productTypes")}
              name="productTypes"
              defaultValue={current?.productTypes.join("; ") ?? ""}
            />
            <FormTextField
              key={`c-${name}`}
              label={t("pim.attributes.categories")}
              name="categoryIds"
              defaultValue={current?.categoryIds.join("; ") ?? ""}
              error={error("categoryIds.0")}
            />
          </InlineStack>
          <DataTable
            columnContentTypes={[
              "text",
              "text",
              ...CHANNELS.map(() => "text" as const),
            ]}
            headings={[
              t("pim.attributes.key"),
              t("pim.attributes.inFamily"),
              ...CHANNELS.map((c) => t(`pim.channel.${c}`)),
            ]}
            rows={attributeKeys.map((key) => {
              const rule = current?.attributes.find((r) => r.key === key);
              return [
                key,
                <FormCheckbox
                  key={`in-${name}-${key}`}
                  name="attributes"
                  value={key}
                  defaultChecked={Boolean(rule)}
                  label={key}
                  labelHidden
                />,
                ...CHANNELS.map((c) => (
                  <FormCheckbox
                    key={`r-${name}-${key}-${c}`}
                    name={requiredFieldName(key, c)}
                    defaultChecked={rule?.requiredChannels.includes(c) ?? false}
                    label={c}
                    labelHidden
                  />
                )),
              ];
            })}
          />
          <InlineStack>
            <Button submit variant="primary">
              {t("pim.attributes.saveFamily")}
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}
