// The asset page's card for a video (facts, poster, muted preview player), a 360° spin (a frame viewer driven by
// a slider, the arrow keys or a drag) and a 3D model (size and counts; the still is a generated card).
import {
  BlockStack,
  Card,
  DescriptionList,
  RangeSlider,
  Text,
} from "@shopify/polaris";
import { useRef, useState, type PointerEvent } from "react";
import type { MediaView } from "~/dam/media-view";
import { useT } from "~/i18n";

function VideoPlayer({
  view,
  title,
}: {
  view: Extract<MediaView, { kind: "video" }>;
  title: string;
}) {
  const t = useT();
  return view.previewUrl ? (
    <video
      controls
      muted
      playsInline
      preload="none"
      poster={view.posterUrl ?? undefined}
      src={view.previewUrl}
      aria-label={t("dam.media.previewOf", { title })}
      style={{ maxWidth: "100%", maxHeight: 420, display: "block" }}
    />
  ) : (
    <Text as="p" tone="subdued">
      {t("dam.media.previewPending")}
    </Text>
  );
}

function SpinViewer({ frames, title }: { frames: string[]; title: string }) {
  const t = useT();
  const [index, setIndex] = useState(0);
  const drag = useRef<{ x: number; index: number } | null>(null);
  const step = (delta: number) =>
    setIndex((i) => (i + delta + frames.length) % frames.length);
  const onMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    const moved = Math.round((event.clientX - drag.current.x) / 12);
    setIndex(
      (((drag.current.index - moved) % frames.length) + frames.length) %
        frames.length,
    );
  };
  return (
    <BlockStack gap="200">
      <div
        role="slider"
        tabIndex={0}
        aria-valuemin={1}
        aria-valuemax={frames.length}
        aria-valuenow={index + 1}
        aria-label={t("dam.media.spinFrame", {
          title,
          number: index + 1,
          count: frames.length,
        })}
        onKeyDown={(event) => {
          if (event.key === "ArrowLeft") step(-1);
          if (event.key === "ArrowRight") step(1);
        }}
        onPointerDown={(event) => {
          drag.current = { x: event.clientX, index };
          event.currentTarget.setPointerCapture(event.pointerId);
        }}
        onPointerMove={onMove}
        onPointerUp={() => (drag.current = null)}
        style={{ cursor: "ew-resize", touchAction: "pan-y" }}
      >
        <img
          src={frames[index]}
          alt=""
          draggable={false}
          style={{ maxWidth: "100%", maxHeight: 420, display: "block" }}
        />
      </div>
      <RangeSlider
        label={t("dam.media.frame", {
          number: index + 1,
          count: frames.length,
        })}
        min={1}
        max={frames.length}
        value={index + 1}
        onChange={(value) => setIndex(Number(value) - 1)}
      />
    </BlockStack>
  );
}

/** Facts and a viewer for a video, spin or 3D model version; nothing for other versions. */
export function RichMediaCard({
  view,
  title,
}: {
  view: MediaView | undefined;
  title: string;
}) {
  const t = useT();
  if (!view) return null;
  const items =
    view.kind === "video"
      ? [
          { term: t("dam.media.codec"), description: view.codec },
          {
            term: t("dam.media.audio"),
            description: view.audioCodec ?? t("dam.media.noAudio"),
          },
          ...(view.frameRate
            ? [
                {
                  term: t("dam.media.frameRate"),
                  description: `${view.frameRate} fps`,
                },
              ]
            : []),
        ]
      : view.kind === "model"
        ? [
            {
              term: t("dam.media.boundingBox"),
              description: view.boundingBox
                ? `${view.boundingBox.x} × ${view.boundingBox.y} × ${view.boundingBox.z} m`
                : "—",
            },
            {
              term: t("dam.media.triangles"),
              description: view.triangleCount.toLocaleString("en"),
            },
            {
              term: t("dam.media.vertices"),
              description: view.vertexCount.toLocaleString("en"),
            },
            {
              term: t("dam.media.materials"),
              description: String(view.materialCount),
            },
            {
              term: t("dam.media.animations"),
              description: String(view.animationCount),
            },
          ]
        : [];
  const heading =
    view.kind === "video"
      ? t("dam.media.video")
      : view.kind === "spin"
        ? t("dam.media.spin", { count: view.frames.length })
        : t("dam.media.model");
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {heading}
        </Text>
        {view.kind === "video" && <VideoPlayer view={view} title={title} />}
        {view.kind === "spin" && (
          <SpinViewer frames={view.frames} title={title} />
        )}
        {view.kind === "model" && (
          <Text as="p" tone="subdued">
            {t("dam.media.modelStill")}
          </Text>
        )}
        {items.length > 0 && <DescriptionList items={items} />}
      </BlockStack>
    </Card>
  );
}
