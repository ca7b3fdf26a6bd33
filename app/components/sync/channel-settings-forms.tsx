// The settings forms of the storefront (auto-link file naming) and of an endpoint channel (the marketplace's
// listings URL, key id and signing secret). Field errors come from the action's failure.
import { Form } from "@remix-run/react";
import { Button, FormLayout, TextField } from "@shopify/polaris";
import { useState } from "react";
import { useT } from "~/i18n";

type FieldErrors = Partial<Record<string, string[]>>;

export function StorefrontSettings({
  filenamePattern,
  errors,
  busy,
}: {
  filenamePattern: string;
  errors: FieldErrors;
  busy: boolean;
}) {
  const t = useT();
  const [pattern, setPattern] = useState(filenamePattern);
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="filename-pattern" />
      <FormLayout>
        <TextField
          label={t("sync.filenamePattern")}
          name="filenamePattern"
          value={pattern}
          onChange={setPattern}
          helpText={t("sync.filenamePatternHelp")}
          error={errors.filenamePattern?.join(", ")}
          autoComplete="off"
          monospaced
        />
        <Button submit loading={busy}>
          {t("sync.save")}
        </Button>
      </FormLayout>
    </Form>
  );
}

export function EndpointSettings({
  endpoint,
  errors,
  busy,
}: {
  endpoint: { url: string; keyId: string };
  errors: FieldErrors;
  busy: boolean;
}) {
  const t = useT();
  const [url, setUrl] = useState(endpoint.url);
  const [keyId, setKeyId] = useState(endpoint.keyId);
  const [secret, setSecret] = useState("");
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="marketplace" />
      <FormLayout>
        <TextField
          label={t("sync.endpointUrl")}
          name="url"
          value={url}
          onChange={setUrl}
          error={errors.url?.join(", ")}
          autoComplete="off"
        />
        <TextField
          label={t("sync.keyId")}
          name="keyId"
          value={keyId}
          onChange={setKeyId}
          error={errors.keyId?.join(", ")}
          autoComplete="off"
        />
        <TextField
          label={t("sync.secret")}
          name="secret"
          type="password"
          value={secret}
          onChange={setSecret}
          error={errors.secret?.join(", ")}
          autoComplete="new-password"
        />
        <Button submit variant="primary" loading={busy}>
          {t("sync.save")}
        </Button>
      </FormLayout>
    </Form>
  );
}
