// Create or update an attribute (by key): type, level, group, rules, and whether it is localisable or set per
// channel. Posts intent "save-attribute" (pim/attributes.schema.ts attributeForm); after a 400 it shows what was
// typed with the field errors.
import { Form } from "@remix-run/react";
import {
  Button,
  Card,
  FormLayout,
  InlineStack,
  Select,
} from "@shopify/polaris";
import { useState } from "react";
import { FormCheckbox, FormTextField } from "~/components/form-fields";
import { useT } from "~/i18n";
import { typedText, type ActionFailure } from "~/lib/action-result";
import { ATTRIBUTE_TYPES, MEASUREMENT_KINDS } from "~/pim/attribute-types";

export function AttributeForm({
  failure,
}: {
  failure: ActionFailure | undefined;
}) {
  const t = useT();
  const typed = (name: string) => typedText(failure, name);
  const error = (field: string) => failure?.fieldErrors[field]?.join(" ");
  const [type, setType] = useState(typed("type") ?? "single_line_text");
  const [level, setLevel] = useState(typed("level") ?? "PRODUCT");
  const [kind, setKind] = useState(typed("measurementKind") ?? "");
  const text = (
    name: string,
    label: Parameters<typeof t>[0],
    errorPath = name,
    type?: "number",
  ) => (
    <FormTextField
      label={t(label)}
      name={name}
      type={type}
      defaultValue={typed(name)}
      error={error(errorPath)}
    />
  );
  return (
    <Card>
      <Form method="post">
        <input type="hidden" name="intent" value="save-attribute" />
        <FormLayout>
          {text("key", "pim.attributes.key")}
          {text("label", "pim.attributes.label", "labels.en")}
          <Select
            label={t("pim.attributes.type")}
            name="type"
            value={type}
            onChange={setType}
            options={ATTRIBUTE_TYPES.map((v) => ({ label: v, value: v }))}
            error={error("type")}
          />
          {type === "measurement" && (
            <Select
              label={t("pim.attributes.measurementKind")}
              name="measurementKind"
              value={kind}
              onChange={setKind}
              options={[
                { label: "—", value: "" },
                ...MEASUREMENT_KINDS.map((v) => ({ label: v, value: v })),
              ]}
              error={error("validation.measurementKind")}
            />
          )}
          <Select
            label={t("pim.attributes.level")}
            name="level"
            value={level}
            onChange={setLevel}
            options={[
              { label: "PRODUCT", value: "PRODUCT" },
              { label: "VARIANT", value: "VARIANT" },
            ]}
          />
          {text("group", "pim.attributes.group")}
          {text("allowedValues", "pim.attributes.allowedValues")}
          <InlineStack gap="200">
            {text("min", "pim.attributes.min", "validation.min", "number")}
            {text("max", "pim.attributes.max", "validation.max", "number")}
          </InlineStack>
          {text(
            "maxLength",
            "pim.attributes.maxLength",
            "validation.maxLength",
            "number",
          )}
          {text("pattern", "pim.attributes.pattern", "validation.pattern")}
          <FormCheckbox name="required" label={t("pim.attributes.required")} />
          <FormCheckbox
            name="localisable"
            label={t("pim.attributes.localisable")}
          />
          <FormCheckbox
            name="channelSpecific"
            label={t("pim.attributes.channelSpecific")}
          />
          <Button submit variant="primary">
            {t("pim.attributes.save")}
          </Button>
        </FormLayout>
      </Form>
    </Card>
  );
}
