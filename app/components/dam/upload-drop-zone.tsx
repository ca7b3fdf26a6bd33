import { Link as RemixLink } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import {
  Banner,
  BlockStack,
  DropZone,
  InlineStack,
  ProgressBar,
  Text,
} from "@shopify/polaris";
import { useCallback, useState } from "react";
import { useT } from "~/i18n";
import { uploadThroughApp, uploadToBucket } from "./upload-transport";

type UploadState =
  | { phase: "uploading"; progress: number }
  | { phase: "processing" }
  | { phase: "created"; assetId: string; nearDuplicateOf: string | null }
  | { phase: "duplicate"; assetId: string; title: string }
  | { phase: "version"; assetId: string }
  | { phase: "failed"; message: string };

interface Item {
  key: string;
  name: string;
  state: UploadState;
}

interface Props {
  /** Upload as new versions of this asset instead of new assets. */
  assetId?: string;
  maxMb: number;
  onUploaded: () => void;
  label?: string;
  /** Storage is object storage: the browser uploads to the bucket itself and the app verifies the result. */
  direct?: boolean;
}

export function UploadDropZone({
  assetId,
  maxMb,
  onUploaded,
  label,
  direct,
}: Props) {
  const t = useT();
  const shopify = useAppBridge();
  const [items, setItems] = useState<Item[]>([]);

  const update = (key: string, state: UploadState) =>
    setItems((current) =>
      current.map((item) => (item.key === key ? { ...item, state } : item)),
    );

  const upload = useCallback(
    async (file: File, key: string) => {
      if (file.size > maxMb * 1024 * 1024) {
        update(key, {
          phase: "failed",
          message: t("dam.upload.limits", { mb: maxMb }),
        });
        return;
      }
      try {
        const callbacks = {
          onProgress: (share: number) =>
            update(key, {
              phase: "uploading",
              progress: Math.round(share * 100),
            }),
          onSent: () => update(key, { phase: "processing" }),
        };
        const { status, body } = direct
          ? await uploadToBucket(
              file,
              assetId,
              () => shopify.idToken(),
              callbacks,
            )
          : await uploadThroughApp(
              file,
              `/app/assets/upload${assetId ? `?assetId=${encodeURIComponent(assetId)}` : ""}`,
              await shopify.idToken(),
              callbacks,
            );
        if (status >= 400)
          update(key, {
            phase: "failed",
            message: String(body.message ?? status),
          });
        else if (body.status === "duplicate")
          update(key, {
            phase: "duplicate",
            assetId: String(body.assetId),
            title: String(body.title),
          });
        else if (body.status === "version")
          update(key, { phase: "version", assetId: String(body.assetId) });
        else
          update(key, {
            phase: "created",
            assetId: String(body.assetId),
            nearDuplicateOf: (body.nearDuplicateOf as string | null) ?? null,
          });
      } catch (error) {
        update(key, { phase: "failed", message: (error as Error).message });
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [assetId, maxMb, shopify, direct],
  );

  const onDrop = useCallback(
    (_all: File[], accepted: File[]) => {
      const added = accepted.map((file, i) => ({
        key: `${Date.now()}-${i}-${file.name}`,
        name: file.name,
        state: { phase: "uploading", progress: 0 } as UploadState,
      }));
      setItems((current) => [...added, ...current]);
      // Two at a time: keeps the admin responsive and the server's ingest queue short.
      const queue = accepted.map((file, i) => ({ file, key: added[i]!.key }));
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift())
          await upload(next.file, next.key);
      };
      void Promise.all([worker(), worker()]).then(onUploaded);
    },
    [upload, onUploaded],
  );

  return (
    <BlockStack gap="300">
      <div id="dam-drop-zone">
        <DropZone
          onDrop={onDrop}
          allowMultiple={!assetId}
          label={label}
          labelHidden={!label}
        >
          <DropZone.FileUpload
            actionHint={t("dam.upload.limits", { mb: maxMb })}
            actionTitle={t("dam.upload.dropHint")}
          />
        </DropZone>
      </div>
      {items.length > 0 && (
        <BlockStack gap="200">
          {items.map((item) => (
            <UploadRow key={item.key} item={item} />
          ))}
        </BlockStack>
      )}
    </BlockStack>
  );
}

function UploadRow({ item }: { item: Item }) {
  const t = useT();
  const { state } = item;
  if (state.phase === "uploading" || state.phase === "processing")
    return (
      <BlockStack gap="100">
        <InlineStack align="space-between">
          <Text as="span">{item.name}</Text>
          <Text as="span" tone="subdued">
            {state.phase === "uploading"
              ? `${t("dam.upload.uploading")} ${state.progress}%`
              : t("dam.upload.processing")}
          </Text>
        </InlineStack>
        <ProgressBar
          progress={state.phase === "uploading" ? state.progress : 100}
          size="small"
          animated
        />
      </BlockStack>
    );
  if (state.phase === "failed")
    return (
      <Banner tone="critical" title={`${item.name}: ${t("dam.upload.failed")}`}>
        <p>{state.message}</p>
      </Banner>
    );
  if (state.phase === "duplicate")
    return (
      <Banner tone="info" title={`${item.name}: ${t("dam.upload.duplicate")}`}>
        <RemixLink to={`/app/assets/${state.assetId}`}>
          {t("dam.upload.openExisting")}: {state.title}
        </RemixLink>
      </Banner>
    );
  const message =
    state.phase === "version"
      ? t("dam.upload.version")
      : state.nearDuplicateOf
        ? t("dam.upload.nearDuplicate")
        : t("dam.upload.created");
  return (
    <Banner
      tone={
        state.phase === "created" && state.nearDuplicateOf
          ? "warning"
          : "success"
      }
      title={`${item.name}: ${message}`}
    >
      <RemixLink to={`/app/assets/${state.assetId}`}>
        {t("dam.upload.openExisting")}
      </RemixLink>
    </Banner>
  );
}
