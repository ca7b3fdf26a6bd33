// One attribute's input in the product editor: a select for single-select and yes/no attributes, a text field
// otherwise. Named `v.{owner}.{key}` (pim/value-field.ts); its error and stored values are keyed by valueFieldName.
import { FormSelect, FormTextField } from "~/components/form-fields";
import { useT } from "~/i18n";
import type { ActionFailure } from "~/lib/action-result";
import { typedText } from "~/lib/action-result";
import { ANY, type Channel } from "~/pim/channels";
import type { EditorAttribute, EditorView } from "~/pim/editor-view";
import { formFieldName, valueFieldName } from "~/pim/value-field";

export function attributeLabel(attribute: EditorAttribute, locale: string) {
  return attribute.labels[locale] ?? attribute.labels.en ?? attribute.key;
}

export function AttributeField({
  view,
  attribute,
  variantId,
  failure,
  compact = false,
}: {
  view: EditorView;
  attribute: EditorAttribute;
  variantId: string | null;
  failure: ActionFailure | undefined;
  /** In the variant grid: no label (the column heading says it) and no help text. */
  compact?: boolean;
}) {
  const t = useT();
  const name = formFieldName(variantId, attribute.key);
  const stored = valueFieldName({
    attributeKey: attribute.key,
    variantId,
    locale: attribute.localisable ? view.locale : ANY,
    channel: attribute.channelSpecific ? view.channel : ANY,
  });
  const approved = view.approved[stored];
  const required = attribute.requiredChannels.length
    ? t("pim.editor.required", {
        channels: attribute.requiredChannels
          .map((c) => t(`pim.channel.${c as Channel}`))
          .join(", "),
      })
    : undefined;
  const pendingApproval =
    view.product.pimStatus === "PENDING" && approved !== undefined
      ? t("pim.editor.approvedValue", { value: approved || "—" })
      : undefined;
  // A new view (locale or channel) is a new field: it starts from that view's stored value.
  const key = `${name}-${view.locale}-${view.channel}`;
  const common = {
    name,
    label: compact ? "" : attributeLabel(attribute, view.locale),
    labelHidden: compact,
    error: failure?.fieldErrors[stored]?.join(" "),
    helpText: compact ? undefined : (required ?? pendingApproval),
    defaultValue: typedText(failure, name) ?? view.values[stored] ?? "",
  };
  if (attribute.type === "single_select" || attribute.type === "boolean") {
    const options =
      attribute.type === "boolean"
        ? [
            { label: t("pim.editor.yes"), value: "true" },
            { label: t("pim.editor.no"), value: "false" },
          ]
        : (attribute.validation.allowedValues ?? []).map((v) => ({
            label: v,
            value: v,
          }));
    return (
      <FormSelect
        key={key}
        {...common}
        options={[{ label: "—", value: "" }, ...options]}
      />
    );
  }
  return (
    <FormTextField
      key={key}
      {...common}
      multiline={
        attribute.type === "multi_line_text" || attribute.type === "rich_text"
      }
    />
  );
}
