// The crop point of a swatch cropped from its packshot: where the square detail is centred (0..1 across and
// down), posted to the product page's action (intent "swatch-crop").
import { Button, InlineStack, TextField } from "@shopify/polaris";
import { useSubmit } from "@remix-run/react";
import { useState } from "react";
import { useT } from "~/i18n";

export function SwatchCropForm({
  label,
  point,
}: {
  label: string;
  point: { x: number; y: number } | null;
}) {
  const t = useT();
  const submit = useSubmit();
  const [x, setX] = useState(String(point?.x ?? 0.5));
  const [y, setY] = useState(String(point?.y ?? 0.5));
  const field = (
    which: "x" | "y",
    value: string,
    onChange: (v: string) => void,
  ) => (
    <TextField
      label={t(`languages.crop.${which}`)}
      type="number"
      min={0}
      max={1}
      step={0.05}
      value={value}
      onChange={onChange}
      autoComplete="off"
      helpText={which === "y" ? t("languages.crop.help") : undefined}
    />
  );
  return (
    <InlineStack gap="200" blockAlign="end">
      {field("x", x, setX)}
      {field("y", y, setY)}
      <Button
        onClick={() =>
          submit({ intent: "swatch-crop", label, x, y }, { method: "post" })
        }
      >
        {t("languages.crop.save")}
      </Button>
    </InlineStack>
  );
}
