// The asset library's bulk actions on the selected assets, submitted to the library route's action.
import type { FetcherWithComponents } from "@remix-run/react";
import { Box, Button, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { useT } from "~/i18n";
import type { ActionFailure } from "~/lib/action-result";

type BulkFetcher = FetcherWithComponents<{ count: number } | ActionFailure>;

/** Approve, archive, tag or collect the selected assets. */
export function BulkBar({
  selected,
  fetcher,
}: {
  selected: string[];
  fetcher: BulkFetcher;
}) {
  const t = useT();
  const [mode, setMode] = useState<"tag" | "collect" | null>(null);
  const [value, setValue] = useState("");
  const submit = (intent: string, extra: Record<string, string> = {}) =>
    fetcher.submit(
      { intent, ids: selected.join(","), ...extra },
      { method: "post" },
    );
  const busy = fetcher.state !== "idle";
  return (
    <Box background="bg-surface-secondary" padding="200" borderRadius="200">
      <InlineStack gap="200" blockAlign="center">
        <Text as="span" fontWeight="semibold">
          {t("dam.library.selected", { count: selected.length })}
        </Text>
        <Button
          onClick={() => submit("approve")}
          loading={busy}
          variant="primary"
        >
          {t("dam.library.approve")}
        </Button>
        <Button onClick={() => setMode("tag")}>
          {t("dam.library.addTag")}
        </Button>
        <Button onClick={() => setMode("collect")}>
          {t("dam.library.addToCollection")}
        </Button>
        <Button
          onClick={() => submit("archive")}
          tone="critical"
          loading={busy}
        >
          {t("dam.library.archive")}
        </Button>
        {mode && (
          <InlineStack gap="100" blockAlign="center">
            <TextField
              label={t(
                mode === "tag"
                  ? "dam.library.tagPrompt"
                  : "dam.library.collectionPrompt",
              )}
              labelHidden
              placeholder={t(
                mode === "tag"
                  ? "dam.library.tagPrompt"
                  : "dam.library.collectionPrompt",
              )}
              autoComplete="off"
              value={value}
              onChange={setValue}
            />
            <Button
              disabled={!value.trim()}
              onClick={() => {
                submit(
                  mode === "tag" ? "tag" : "collect",
                  mode === "tag" ? { tag: value } : { collection: value },
                );
                setMode(null);
                setValue("");
              }}
            >
              {t("dam.library.apply")}
            </Button>
            <Button variant="plain" onClick={() => setMode(null)}>
              {t("dam.library.cancel")}
            </Button>
          </InlineStack>
        )}
      </InlineStack>
    </Box>
  );
}
