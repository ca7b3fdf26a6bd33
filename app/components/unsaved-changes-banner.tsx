// Shown when the merchant tries to leave (or switch view) with unsaved edits: leave and lose them, or stay.
import type { Blocker } from "@remix-run/react";
import { Banner } from "@shopify/polaris";
import { useT } from "~/i18n";

export function UnsavedChangesBanner({ blocker }: { blocker: Blocker }) {
  const t = useT();
  if (blocker.state !== "blocked") return null;
  return (
    <Banner
      tone="warning"
      title={t("pim.unsaved.title")}
      action={{
        content: t("pim.unsaved.stay"),
        onAction: () => blocker.reset(),
      }}
      secondaryAction={{
        content: t("pim.unsaved.discard"),
        onAction: () => blocker.proceed(),
      }}
    >
      <p>{t("pim.unsaved.body")}</p>
    </Banner>
  );
}
