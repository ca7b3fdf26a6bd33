// The product editor's values form: the locale × channel view, the product's attributes by group, and a grid with
// one row per variant for variant-level attributes. Posts intent "save" with every field.
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
import type { RefObject } from "react";
import { useSearchParam } from "~/components/use-search-param";
import { useT } from "~/i18n";
import type { ActionFailure } from "~/lib/action-result";
import { ANY, CHANNELS } from "~/pim/channels";
import type { EditorAttribute, EditorView } from "~/pim/editor-view";
import { AttributeField, attributeLabel } from "./attribute-field";

function byGroup(attributes: EditorAttribute[]) {
  const groups = new Map<string, EditorAttribute[]>();
  for (const attribute of attributes)
    groups.set(attribute.group, [
      ...(groups.get(attribute.group) ?? []),
      attribute,
    ]);
  return [...groups.entries()];
}

export function ProductValuesForm({
  view,
  failure,
  busy,
  formRef,
  onChange,
}: {
  view: EditorView;
  failure: ActionFailure | undefined;
  busy: boolean;
  formRef?: RefObject<HTMLFormElement>;
  /** Called on every edit (the editor tracks unsaved changes with it). */
  onChange?: () => void;
}) {
  const t = useT();
  const setParam = useSearchParam();
  const productLevel = view.attributes.filter((a) => a.level === "PRODUCT");
  const variantLevel = view.attributes.filter((a) => a.level === "VARIANT");
  const field = (
    attribute: EditorAttribute,
    variant: { id: string; label: string } | null,
  ) => (
    <AttributeField
      view={view}
      attribute={attribute}
      variantId={variant?.id ?? null}
      failure={failure}
      compact={variant !== null}
      variantLabel={variant?.label}
    />
  );
  return (
    <Form
      method="post"
      ref={formRef}
      onChange={onChange}
      onInput={onChange}
      id="product-values-form"
    >
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="locale" value={view.locale} />
      <input type="hidden" name="channel" value={view.channel} />
      <BlockStack gap="400">
        <Card>
          <InlineStack gap="400" blockAlign="end">
            <Select
              label={t("pim.editor.locale")}
              options={view.locales.map((l) => ({ label: l, value: l }))}
              value={view.locale}
              onChange={(v) => setParam("locale", v)}
            />
            <Select
              label={t("pim.editor.channel")}
              options={([ANY, ...CHANNELS] as const).map((c) => ({
                label: t(`pim.channel.${c}`),
                value: c,
              }))}
              value={view.channel}
              onChange={(v) => setParam("channel", v)}
            />
            <Button submit variant="primary" loading={busy}>
              {t("pim.editor.save")}
            </Button>
          </InlineStack>
        </Card>
        {byGroup(productLevel).map(([group, attributes]) => (
          <Card key={group}>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {group}
              </Text>
              {attributes.map((a) => (
                <div key={a.key}>{field(a, null)}</div>
              ))}
            </BlockStack>
          </Card>
        ))}
        {variantLevel.length > 0 && (
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("pim.editor.variantGrid")}
              </Text>
              <DataTable
                columnContentTypes={[
                  "text",
                  ...variantLevel.map(() => "text" as const),
                ]}
                headings={[
                  t("pim.editor.variant"),
                  ...variantLevel.map((a) => attributeLabel(a, view.locale)),
                ]}
                rows={view.variants.map((v) => {
                  const label = `${v.title}${v.sku ? ` · ${v.sku}` : ""}`;
                  return [
                    label,
                    ...variantLevel.map((a) => field(a, { id: v.id, label })),
                  ];
                })}
              />
            </BlockStack>
          </Card>
        )}
      </BlockStack>
    </Form>
  );
}
