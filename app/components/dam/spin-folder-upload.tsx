// "Upload a spin folder": a folder input (`webkitdirectory`) whose frames go in ONE form to
// /app/assets/upload-spin, which streams them into a spin like an uploaded ZIP (ordered by name there).
import { useAppBridge } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Button, Text } from "@shopify/polaris";
import { useRef, useState } from "react";
import { useT } from "~/i18n";

type State =
  | { phase: "idle" }
  | { phase: "uploading"; folder: string; count: number }
  | { phase: "done"; tone: "success" | "critical" | "info"; text: string };

/** The folder a `webkitdirectory` selection came from (its files' first path segment). */
export function folderOf(files: readonly File[]): string {
  const path = (
    files[0] as (File & { webkitRelativePath?: string }) | undefined
  )?.webkitRelativePath;
  return path?.split("/")[0] || "spin";
}

export function SpinFolderUpload({ onUploaded }: { onUploaded: () => void }) {
  const t = useT();
  const shopify = useAppBridge();
  const input = useRef<HTMLInputElement | null>(null);
  const [state, setState] = useState<State>({ phase: "idle" });

  const send = async (files: File[]) => {
    const folder = folderOf(files);
    const frames = files.filter((f) => !f.name.startsWith("."));
    setState({ phase: "uploading", folder, count: frames.length });
    const form = new FormData();
    for (const file of frames) form.append("frame", file, file.name);
    try {
      const response = await fetch(
        `/app/assets/upload-spin?folder=${encodeURIComponent(folder)}`,
        {
          method: "POST",
          body: form,
          headers: { Authorization: `Bearer ${await shopify.idToken()}` },
        },
      );
      const body = (await response.json()) as Record<string, unknown>;
      setState(
        response.status >= 400
          ? {
              phase: "done",
              tone: "critical",
              text: t("media.spinFolder.failed", {
                folder,
                message: String(body.message ?? response.status),
              }),
            }
          : body.status === "duplicate"
            ? {
                phase: "done",
                tone: "info",
                text: t("media.spinFolder.duplicate", { folder }),
              }
            : {
                phase: "done",
                tone: "success",
                text: t("media.spinFolder.created", {
                  folder,
                  count: frames.length,
                }),
              },
      );
      onUploaded();
    } catch (error) {
      setState({
        phase: "done",
        tone: "critical",
        text: t("media.spinFolder.failed", {
          folder,
          message: (error as Error).message,
        }),
      });
    }
  };

  return (
    <BlockStack gap="200">
      <input
        type="file"
        multiple
        hidden
        aria-label={t("media.spinFolder.action")}
        ref={(element) => {
          input.current = element;
          element?.setAttribute("webkitdirectory", "");
        }}
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          event.currentTarget.value = "";
          if (files.length) void send(files);
        }}
      />
      <div>
        <Button
          onClick={() => input.current?.click()}
          loading={state.phase === "uploading"}
        >
          {t("media.spinFolder.action")}
        </Button>
      </div>
      <Text as="p" tone="subdued" variant="bodySm">
        {state.phase === "uploading"
          ? t("media.spinFolder.uploading", {
              count: state.count,
              folder: state.folder,
            })
          : t("media.spinFolder.hint")}
      </Text>
      {state.phase === "done" && (
        <Banner tone={state.tone} onDismiss={() => setState({ phase: "idle" })}>
          {state.text}
        </Banner>
      )}
    </BlockStack>
  );
}
