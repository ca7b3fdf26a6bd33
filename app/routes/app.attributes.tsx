import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  useActionData,
  useLoaderData,
  useSubmit,
} from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  DataTable,
  FormLayout,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
} from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";
import { FormTextField } from "~/components/form-fields";
import { useT } from "~/i18n";
import { seedApparelAttributes } from "~/pim/apparel-seed.server";
import { ATTRIBUTE_TYPES, MEASUREMENT_KINDS } from "~/pim/attribute-types";
import {
  assignFamilies,
  listAttributes,
  listFamilies,
  saveAttribute,
  saveFamily,
} from "~/pim/attributes.db.server";
import { CHANNELS } from "~/pim/channels";
import { failureOf, typedText } from "~/lib/action-result";
import { actionFailure, readForm } from "~/lib/http.server";
import { recomputeAllCompleteness } from "~/pim/values.db.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [attributes, families] = await Promise.all([
    listAttributes(session.shop),
    listFamilies(session.shop),
  ]);
  return { attributes, families };
};

const list = (text: string | undefined) =>
  (text ?? "")
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);
const number = (text: string | undefined) =>
  text === undefined || text.trim() === "" ? undefined : Number(text);

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = session.shop;
  const form = await readForm(request);
  const input = Object.fromEntries(
    Object.entries(form).map(([k, v]) => [k, typeof v === "string" ? v : v[0]]),
  );
  const intent = z
    .enum(["seed-apparel", "save-attribute", "save-family"])
    .safeParse(input.intent);
  try {
    if (!intent.success) throw intent.error;
    switch (intent.data) {
      case "seed-apparel":
        await seedApparelAttributes(shop);
        await recomputeAllCompleteness(shop);
        return json({ ok: true as const });
      case "save-attribute":
        // saveAttribute parses with zod and throws Invalid with field errors.
        await saveAttribute(shop, {
          key: input.key ?? "",
          labels: { en: input.label ?? "" },
          type: input.type as (typeof ATTRIBUTE_TYPES)[number],
          level: input.level === "VARIANT" ? "VARIANT" : "PRODUCT",
          localisable: input.localisable === "on",
          channelSpecific: input.channelSpecific === "on",
          group: input.group || "General",
          validation: {
            ...(input.required === "on" ? { required: true } : {}),
            ...(list(input.allowedValues).length
              ? { allowedValues: list(input.allowedValues) }
              : {}),
            ...(input.measurementKind
              ? {
                  measurementKind:
                    input.measurementKind as (typeof MEASUREMENT_KINDS)[number],
                }
              : {}),
            min: number(input.min),
            max: number(input.max),
            maxLength: number(input.maxLength),
            ...(input.pattern ? { pattern: input.pattern } : {}),
          },
        });
        return json({ ok: true as const });
      case "save-family": {
        const keys = [form.attributes ?? []].flat();
        await saveFamily(shop, {
          name: input.name ?? "",
          productTypes: list(input.productTypes),
          categoryIds: list(input.categoryIds),
          attributes: keys.map((key) => ({
            key,
            requiredChannels: CHANNELS.filter(
              (c) => form[`required.${key}.${c}`] === "on",
            ),
          })),
        });
        await assignFamilies(shop);
        await recomputeAllCompleteness(shop);
        return json({ ok: true as const });
      }
    }
  } catch (error) {
    return actionFailure(error, form);
  }
};

export default function Attributes() {
  const { attributes, families } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = failureOf(result);
  const t = useT();
  const submit = useSubmit();
  const typed = (name: string) => typedText(failure, name);
  const [type, setType] = useState(typed("type") ?? "single_line_text");
  const [level, setLevel] = useState(typed("level") ?? "PRODUCT");
  const [kind, setKind] = useState(typed("measurementKind") ?? "");
  const error = (field: string) => failure?.fieldErrors[field]?.join(" ");
  const [family, setFamily] = useState(families[0]?.name ?? "");
  const current = families.find((f) => f.name === family);

  return (
    <Page
      backAction={{ url: "/app/products" }}
      title={t("pim.attributes.title")}
      secondaryActions={[
        {
          content: t("pim.seedApparel"),
          onAction: () =>
            submit({ intent: "seed-apparel" }, { method: "post" }),
        },
      ]}
    >
      <Layout>
        {failure && (
          <Layout.Section>
            <Banner tone="critical" title={failure.message} />
          </Layout.Section>
        )}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("pim.attributes.attributes")}
              </Text>
              {attributes.length === 0 ? (
                <Text as="p">{t("pim.attributes.empty")}</Text>
              ) : (
                <DataTable
                  columnContentTypes={["text", "text", "text", "text", "text"]}
                  headings={[
                    t("pim.attributes.key"),
                    t("pim.attributes.label"),
                    t("pim.attributes.type"),
                    t("pim.attributes.level"),
                    t("pim.attributes.group"),
                  ]}
                  rows={attributes.map((a) => [
                    a.key,
                    a.labels.en ?? a.key,
                    <InlineStack gap="100" key={a.key}>
                      <Badge>{a.type}</Badge>
                      {a.localisable && (
                        <Badge tone="info">
                          {t("pim.attributes.localisable")}
                        </Badge>
                      )}
                      {a.channelSpecific && (
                        <Badge tone="info">
                          {t("pim.attributes.channelSpecific")}
                        </Badge>
                      )}
                    </InlineStack>,
                    a.level,
                    a.group,
                  ])}
                />
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <Form method="post">
              <input type="hidden" name="intent" value="save-attribute" />
              <FormLayout>
                <FormTextField
                  label={t("pim.attributes.key")}
                  name="key"
                  defaultValue={typed("key")}
                  error={error("key")}
                />
                <FormTextField
                  label={t("pim.attributes.label")}
                  name="label"
                  defaultValue={typed("label")}
                  error={error("labels.en")}
                />
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
                <FormTextField
                  label={t("pim.attributes.group")}
                  name="group"
                  defaultValue={typed("group")}
                />
                <FormTextField
                  label={t("pim.attributes.allowedValues")}
                  name="allowedValues"
                  defaultValue={typed("allowedValues")}
                />
                <InlineStack gap="200">
                  <FormTextField
                    label={t("pim.attributes.min")}
                    name="min"
                    type="number"
                    defaultValue={typed("min")}
                    error={error("validation.min")}
                  />
                  <FormTextField
                    label={t("pim.attributes.max")}
                    name="max"
                    type="number"
                    defaultValue={typed("max")}
                    error={error("validation.max")}
                  />
                </InlineStack>
                <FormTextField
                  label={t("pim.attributes.maxLength")}
                  name="maxLength"
                  type="number"
                  defaultValue={typed("maxLength")}
                  error={error("validation.maxLength")}
                />
                <FormTextField
                  label={t("pim.attributes.pattern")}
                  name="pattern"
                  defaultValue={typed("pattern")}
                />
                <NativeCheckbox
                  name="required"
                  label={t("pim.attributes.required")}
                />
                <NativeCheckbox
                  name="localisable"
                  label={t("pim.attributes.localisable")}
                />
                <NativeCheckbox
                  name="channelSpecific"
                  label={t("pim.attributes.channelSpecific")}
                />
                <Button submit variant="primary">
                  {t("pim.attributes.save")}
                </Button>
              </FormLayout>
            </Form>
          </Card>
        </Layout.Section>
        <Layout.Section>
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
                      ...families.map((f) => ({
                        label: f.name,
                        value: f.name,
                      })),
                      { label: "+", value: "" },
                    ]}
                    value={family}
                    onChange={setFamily}
                  />
                  <FormTextField
                    label={t("pim.attributes.familyName")}
                    name="name"
                    key={`n-${family}`}
                    defaultValue={family}
                    error={error("name")}
                  />
                  <FormTextField
                    label={t("pim.attributes.productTypes")}
                    name="productTypes"
                    key={`t-${family}`}
                    defaultValue={current?.productTypes.join("; ") ?? ""}
                  />
                  <FormTextField
                    label={t("pim.attributes.categories")}
                    name="categoryIds"
                    key={`c-${family}`}
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
                  rows={attributes.map((a) => {
                    const rule = current?.attributes.find(
                      (r) => r.key === a.key,
                    );
                    return [
                      a.key,
                      <NativeCheckbox
                        key={`in-${family}-${a.key}`}
                        name="attributes"
                        value={a.key}
                        defaultChecked={Boolean(rule)}
                        label={a.key}
                        labelHidden
                      />,
                      ...CHANNELS.map((c) => (
                        <NativeCheckbox
                          key={`r-${family}-${a.key}-${c}`}
                          name={`required.${a.key}.${c}`}
                          defaultChecked={
                            rule?.requiredChannels.includes(c) ?? false
                          }
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
        </Layout.Section>
      </Layout>
    </Page>
  );
}

/** A Polaris Checkbox that posts with the form ("on" when checked). */
function NativeCheckbox(props: {
  name: string;
  label: string;
  value?: string;
  defaultChecked?: boolean;
  labelHidden?: boolean;
}) {
  const [checked, setChecked] = useState(props.defaultChecked ?? false);
  return (
    <>
      <Checkbox
        label={props.label}
        labelHidden={props.labelHidden}
        checked={checked}
        onChange={setChecked}
      />
      {checked && (
        <input type="hidden" name={props.name} value={props.value ?? "on"} />
      )}
    </>
  );
}
