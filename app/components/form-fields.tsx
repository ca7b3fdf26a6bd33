// Polaris fields that post with a plain <Form>: they keep their own state, starting from a default (what the
// merchant typed before a 400, or the stored value).
import { Checkbox, Select, TextField } from "@shopify/polaris";
import { useState } from "react";

interface FieldProps {
  label: string;
  name: string;
  defaultValue?: string;
  labelHidden?: boolean;
  error?: string;
  helpText?: string;
}

export function FormTextField(
  props: FieldProps & { multiline?: boolean; type?: "text" | "number" },
) {
  const [value, setValue] = useState(props.defaultValue ?? "");
  return (
    <TextField
      label={props.label}
      labelHidden={props.labelHidden}
      name={props.name}
      value={value}
      onChange={setValue}
      multiline={props.multiline ? 3 : undefined}
      type={props.type}
      error={props.error}
      helpText={props.helpText}
      autoComplete="off"
    />
  );
}

export function FormSelect(
  props: FieldProps & { options: { label: string; value: string }[] },
) {
  const [value, setValue] = useState(props.defaultValue ?? "");
  return (
    <Select
      label={props.label}
      labelHidden={props.labelHidden}
      name={props.name}
      options={props.options}
      value={value}
      onChange={setValue}
      error={props.error}
      helpText={props.helpText}
    />
  );
}

/** A Polaris Checkbox that posts with a plain form: `name=value` ("on" by default) while checked. */
export function FormCheckbox(props: {
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
