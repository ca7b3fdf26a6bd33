// Rights and descriptive fields, and the alt text per locale.
import { useFetcher } from "@remix-run/react";
import {
  BlockStack,
  Button,
  Card,
  InlineStack,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { useT } from "~/i18n";
import { failureOf } from "~/lib/action-result";
import type { ActionData, Asset } from "./asset-types";

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "");

export function RightsCard({
  asset,
  locales,
}: {
  asset: Asset;
  locales: string[];
}) {
  const t = useT();
  const details = useFetcher<ActionData>();
  const [form, setForm] = useState({
    title: asset.title,
    rightsOwner: asset.rightsOwner ?? "",
    licence: asset.licence ?? "",
    usageNotes: asset.usageNotes ?? "",
    validFrom: day(asset.validFrom),
    validUntil: day(asset.validUntil),
  });
  const field = (
    name: keyof typeof form,
    label: string,
    type: "text" | "date" = "text",
    multiline = false,
  ) => (
    <TextField
      label={label}
      name={name}
      type={type}
      multiline={multiline ? 3 : undefined}
      value={form[name]}
      onChange={(value) => setForm({ ...form, [name]: value })}
      error={failureOf(details.data)?.fieldErrors[name]?.join(", ")}
      autoComplete="off"
    />
  );
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("dam.asset.rights")}
        </Text>
        <details.Form method="post">
          <input type="hidden" name="intent" value="details" />
          <BlockStack gap="200">
            {field("title", t("dam.asset.title"))}
            {field("rightsOwner", t("dam.asset.rightsOwner"))}
            {field("licence", t("dam.asset.licence"))}
            {field("usageNotes", t("dam.asset.usageNotes"), "text", true)}
            {field("validFrom", t("dam.asset.validFrom"), "date")}
            {field("validUntil", t("dam.asset.validUntil"), "date")}
            <Button submit loading={details.state !== "idle"}>
              {t("dam.asset.save")}
            </Button>
          </BlockStack>
        </details.Form>
        <Text as="h3" variant="headingSm">
          {t("dam.asset.altText")}
        </Text>
        {locales.map((locale) => (
          <AltTextRow
            key={locale}
            locale={locale}
            initial={asset.altText[locale] ?? ""}
          />
        ))}
      </BlockStack>
    </Card>
  );
}

function AltTextRow({ locale, initial }: { locale: string; initial: string }) {
  const t = useT();
  const fetcher = useFetcher<ActionData>();
  const [text, setText] = useState(initial);
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="alt-text" />
      <input type="hidden" name="locale" value={locale} />
      <InlineStack gap="100" blockAlign="end" wrap={false}>
        <TextField
          label={t("dam.asset.altTextLocale", { locale })}
          name="text"
          value={text}
          onChange={setText}
          error={failureOf(fetcher.data)?.fieldErrors.text?.join(" ")}
          autoComplete="off"
        />
        <Button submit loading={fetcher.state !== "idle"}>
          {t("dam.asset.save")}
        </Button>
      </InlineStack>
    </fetcher.Form>
  );
}
