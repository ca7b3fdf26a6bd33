// Cards of the asset page. Each form posts one intent to the page's action (see dam.schema.ts).
import { useFetcher } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Button,
  Card,
  DescriptionList,
  InlineGrid,
  InlineStack,
  Tag,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState, type ReactNode } from "react";
import { useT } from "~/i18n";
import { failureOf, type ActionFailure } from "~/lib/action-result";
import { AssetThumbnail } from "./asset-preview";
import { LocalTime } from "./local-time";
import { formatBytes } from "./status-badge";

interface Version {
  id: string;
  number: number;
  filename: string;
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
  colorSpace: string | null;
  durationMs: number | null;
  pageCount: number | null;
  dominantColor: string | null;
  metadata: Record<string, unknown>;
  uploadedBy: string | null;
  createdAt: string;
  approvedAt: string | null;
  approvedBy: string | null;
  restoredFromId: string | null;
  thumbnailUrl: string | null;
  previewUrl: string | null;
  downloadUrl: string;
}

interface Asset {
  id: string;
  title: string;
  kind: string;
  status: string;
  currentVersionId: string | null;
  thumbhash: string | null;
  altText: Record<string, string>;
  rightsOwner: string | null;
  licence: string | null;
  usageNotes: string | null;
  validFrom: string | null;
  validUntil: string | null;
  tags: string[];
  collections: { id: string; name: string }[];
  versions: Version[];
}

type ActionData = { ok: true; intent: string } | ActionFailure;

function Intent({
  intent,
  fields = {},
  children,
  ...button
}: {
  intent: string;
  fields?: Record<string, string>;
  children: ReactNode;
  variant?: "primary" | "plain";
  tone?: "critical";
}) {
  const fetcher = useFetcher<ActionData>();
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button submit loading={fetcher.state !== "idle"} {...button}>
        {String(children)}
      </Button>
      {fetcher.data?.ok === false && (
        <Text as="p" tone="critical">
          {fetcher.data.message}
        </Text>
      )}
    </fetcher.Form>
  );
}

/** Two versions side by side: the current one (or the latest) and the one picked. */
function VersionCompare({
  left,
  right,
  onClose,
}: {
  left: Version;
  right: Version;
  onClose: () => void;
}) {
  const t = useT();
  const side = (v: Version) => (
    <BlockStack gap="100">
      <Text as="span" fontWeight="semibold">
        {t("dam.asset.versionLabel", { number: v.number })}
      </Text>
      {v.previewUrl ? (
        <img
          src={v.previewUrl}
          alt={v.filename}
          style={{ maxWidth: "100%", maxHeight: 320 }}
        />
      ) : (
        <Text as="p" tone="subdued">
          {t("dam.asset.previewPending")}
        </Text>
      )}
      <Text as="span" tone="subdued" variant="bodySm">
        {v.filename} ·{" "}
        {v.width && v.height ? `${v.width} × ${v.height} px · ` : ""}
        {formatBytes(v.bytes)}
      </Text>
    </BlockStack>
  );
  return (
    <div id="version-compare">
      <BlockStack gap="200">
        <InlineGrid columns={2} gap="300">
          {side(left)}
          {side(right)}
        </InlineGrid>
        <InlineStack align="end">
          <Button variant="plain" onClick={onClose}>
            {t("dam.asset.closeCompare")}
          </Button>
        </InlineStack>
      </BlockStack>
    </div>
  );
}

export function VersionsCard({
  asset,
  children,
}: {
  asset: Asset;
  children: ReactNode;
}) {
  const t = useT();
  const [comparing, setComparing] = useState<string | null>(null);
  const base =
    asset.versions.find((v) => v.id === asset.currentVersionId) ??
    asset.versions[0];
  const compared = asset.versions.find((v) => v.id === comparing);
  const numberOf = (id: string | null) =>
    asset.versions.find((v) => v.id === id)?.number ?? "?";
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("dam.asset.versions")}
        </Text>
        {children}
        {base && compared && (
          <VersionCompare
            left={base}
            right={compared}
            onClose={() => setComparing(null)}
          />
        )}
        <BlockStack gap="300">
          {asset.versions.map((v) => (
            <InlineStack key={v.id} gap="300" blockAlign="center" wrap={false}>
              <AssetThumbnail
                kind={asset.kind}
                title={v.filename}
                url={v.thumbnailUrl}
                thumbhash={null}
                size="small"
              />
              <BlockStack gap="050">
                <InlineStack gap="200">
                  <Text as="span" fontWeight="semibold">
                    {t("dam.asset.versionLabel", { number: v.number })}
                  </Text>
                  {v.id === asset.currentVersionId && (
                    <Badge tone="success">{t("dam.asset.current")}</Badge>
                  )}
                </InlineStack>
                <Text as="span" tone="subdued" variant="bodySm">
                  {v.filename} · {formatBytes(v.bytes)} ·{" "}
                  <LocalTime iso={v.createdAt} /> ·{" "}
                  {t("dam.asset.uploadedBy", { actor: v.uploadedBy ?? "—" })}
                  {v.approvedBy
                    ? ` · ${t("dam.asset.approvedBy", { actor: v.approvedBy })}`
                    : ""}
                  {v.restoredFromId
                    ? ` · ${t("dam.asset.restoredFrom", { number: numberOf(v.restoredFromId) })}`
                    : ""}
                </Text>
              </BlockStack>
              <InlineStack gap="200">
                {asset.status !== "ARCHIVED" &&
                  v.id !== asset.currentVersionId && (
                    <Intent
                      intent="approve"
                      fields={{ versionId: v.id }}
                      variant="primary"
                    >
                      {t("dam.asset.approveVersion")}
                    </Intent>
                  )}
                {asset.status !== "ARCHIVED" &&
                  v.number !== asset.versions[0]?.number && (
                    <Intent intent="restore" fields={{ versionId: v.id }}>
                      {t("dam.asset.restore")}
                    </Intent>
                  )}
                {base && v.id !== base.id && (
                  <Button variant="plain" onClick={() => setComparing(v.id)}>
                    {t("dam.asset.compare", { number: base.number })}
                  </Button>
                )}
                <Button url={v.downloadUrl} target="_blank" variant="plain">
                  {t("dam.asset.download")}
                </Button>
              </InlineStack>
            </InlineStack>
          ))}
        </BlockStack>
      </BlockStack>
    </Card>
  );
}

export function DetailsCard({
  version,
  kind,
}: {
  version: Version;
  kind: string;
}) {
  const t = useT();
  const items = [
    { term: t("dam.asset.filename"), description: version.filename },
    {
      term: t("dam.asset.type"),
      description: `${t(`dam.kind.${kind as "IMAGE"}`)} (${version.mime})`,
    },
    { term: t("dam.asset.size"), description: formatBytes(version.bytes) },
    ...(version.width
      ? [
          {
            term: t("dam.asset.dimensions"),
            description: `${version.width} × ${version.height} px`,
          },
        ]
      : []),
    ...(version.colorSpace
      ? [{ term: t("dam.asset.colorSpace"), description: version.colorSpace }]
      : []),
    ...(version.durationMs
      ? [
          {
            term: t("dam.asset.duration"),
            description: `${(version.durationMs / 1000).toFixed(1)} s`,
          },
        ]
      : []),
    ...(version.pageCount
      ? [{ term: t("dam.asset.pages"), description: String(version.pageCount) }]
      : []),
    ...(version.dominantColor
      ? [
          {
            term: t("dam.asset.dominantColor"),
            description: version.dominantColor,
          },
        ]
      : []),
    ...Object.entries(version.metadata).map(([term, value]) => ({
      term,
      description: Array.isArray(value) ? value.join(", ") : String(value),
    })),
  ];
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("dam.asset.metadata")}
        </Text>
        <DescriptionList items={items} />
      </BlockStack>
    </Card>
  );
}

export function ApprovalCard({ asset }: { asset: Asset }) {
  const t = useT();
  const latest = asset.versions[0];
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("dam.asset.approval")}
        </Text>
        <InlineStack gap="200">
          {asset.status !== "ARCHIVED" &&
            latest &&
            latest.id !== asset.currentVersionId && (
              <Intent
                intent="approve"
                fields={{ versionId: latest.id }}
                variant="primary"
              >
                {t("dam.asset.approveVersion")}
              </Intent>
            )}
          {asset.status === "DRAFT" && (
            <Intent intent="submit-for-review">
              {t("dam.asset.submitForReview")}
            </Intent>
          )}
          {asset.status === "ARCHIVED" ? (
            <Intent intent="unarchive">{t("dam.asset.unarchive")}</Intent>
          ) : (
            <Intent intent="archive" tone="critical">
              {t("dam.asset.archive")}
            </Intent>
          )}
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

function InlineForm({
  intent,
  label,
  name,
}: {
  intent: string;
  label: string;
  name: string;
}) {
  const fetcher = useFetcher<ActionData>();
  const [value, setValue] = useState("");
  return (
    <fetcher.Form method="post" onSubmit={() => setValue("")}>
      <input type="hidden" name="intent" value={intent} />
      <InlineStack gap="100" blockAlign="end" wrap={false}>
        <TextField
          label={label}
          name={name}
          value={value}
          onChange={setValue}
          autoComplete="off"
        />
        <Button
          submit
          disabled={!value.trim()}
          loading={fetcher.state !== "idle"}
        >
          {label}
        </Button>
      </InlineStack>
    </fetcher.Form>
  );
}

export function TagsCard({ asset }: { asset: Asset }) {
  const t = useT();
  const remove = useFetcher<ActionData>();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("dam.asset.tags")}
        </Text>
        <InlineStack gap="100">
          {asset.tags.map((tag) => (
            <Tag
              key={tag}
              accessibilityLabel={t("dam.asset.removeTag", { tag })}
              onRemove={() =>
                remove.submit({ intent: "remove-tag", tag }, { method: "post" })
              }
            >
              {tag}
            </Tag>
          ))}
        </InlineStack>
        <InlineForm intent="add-tag" name="tag" label={t("dam.asset.addTag")} />
        <Text as="h3" variant="headingSm">
          {t("dam.asset.collections")}
        </Text>
        <InlineStack gap="100">
          {asset.collections.map((c) => (
            <Badge key={c.id}>{c.name}</Badge>
          ))}
        </InlineStack>
        <InlineForm
          intent="collect"
          name="collection"
          label={t("dam.asset.addToCollection")}
        />
      </BlockStack>
    </Card>
  );
}

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
          autoComplete="off"
        />
        <Button submit loading={fetcher.state !== "idle"}>
          {t("dam.asset.save")}
        </Button>
      </InlineStack>
    </fetcher.Form>
  );
}

export function AuditCard({
  audit,
}: {
  audit: {
    id: string;
    actor: string;
    action: string;
    createdAt: string;
    before: unknown;
    after: unknown;
  }[];
}) {
  const t = useT();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("dam.asset.audit")}
        </Text>
        {audit.length === 0 && (
          <Text as="p" tone="subdued">
            {t("dam.asset.auditEmpty")}
          </Text>
        )}
        {audit.map((event) => (
          <BlockStack key={event.id} gap="050">
            <Text as="p">
              <Text as="span" fontWeight="semibold">
                {event.action}
              </Text>{" "}
              · {event.actor} · <LocalTime iso={event.createdAt} />
            </Text>
            {(event.before != null || event.after != null) && (
              <Text as="p" tone="subdued" variant="bodySm" breakWord>
                {event.before != null
                  ? `${JSON.stringify(event.before)} → `
                  : ""}
                {JSON.stringify(event.after)}
              </Text>
            )}
          </BlockStack>
        ))}
      </BlockStack>
    </Card>
  );
}
