// A labelled file input for a plain <Form> (Polaris has no bare file field outside DropZone), with its error
// shown inline the way Polaris fields show theirs.
import { BlockStack, InlineError, Text } from "@shopify/polaris";

export function FileField({
  label,
  error,
  name = "file",
  accept = ".csv,.xlsx",
}: {
  label: string;
  error?: string;
  name?: string;
  accept?: string;
}) {
  const id = `${name}-input`;
  return (
    <BlockStack gap="100">
      <label htmlFor={id}>
        <Text as="span">{label}</Text>
      </label>
      <input
        id={id}
        type="file"
        name={name}
        accept={accept}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && <InlineError message={error} fieldID={id} />}
    </BlockStack>
  );
}
