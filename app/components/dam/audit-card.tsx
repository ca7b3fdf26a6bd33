// The asset's audit trail as sentences: who (the staff member's name when Shopify gave us an online session for
// them, else the user id), what (in words, with version numbers), when.
import { BlockStack, Card, Text } from "@shopify/polaris";
import { useT } from "~/i18n";
import { LocalTime } from "./local-time";

export interface AuditEvent {
  id: string;
  actor: string;
  action: string;
  createdAt: string;
  before: unknown;
  after: unknown;
}

type T = ReturnType<typeof useT>;
type Fields = Record<string, unknown>;

const fieldsOf = (value: unknown): Fields =>
  value && typeof value === "object" && !Array.isArray(value)
    ? (value as Fields)
    : {};

const shown = (value: unknown): string => {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string")
    return /^\d{4}-\d{2}-\d{2}T/.test(value) ? value.slice(0, 10) : value;
  if (typeof value === "object")
    return Object.entries(value as Fields)
      .map(([k, v]) => `${k}: ${shown(v)}`)
      .join(", ");
  return String(value as number | boolean);
};

/** What happened, in words. `numberOf` maps a version id to its number. */
export function describeAuditEvent(
  t: T,
  event: AuditEvent,
  numberOf: (versionId: unknown) => number | string,
): string {
  const before = fieldsOf(event.before);
  const after = fieldsOf(event.after);
  const a = event.action;
  switch (a) {
    case "uploaded":
    case "version-added":
      return t(`dam.asset.auditText.${a}`, {
        number: shown(after.number),
        filename: shown(after.filename),
      });
    case "restored":
      return t("dam.asset.auditText.restored", {
        from: numberOf(after.restoredFromId),
        number: shown(after.number),
      });
    case "version-approved": {
      const number = numberOf(after.currentVersionId);
      if (!before.currentVersionId)
        return t("dam.asset.auditText.version-approved", { number });
      const previous = numberOf(before.currentVersionId);
      return t(
        Number(number) < Number(previous)
          ? "dam.asset.auditText.rollback"
          : "dam.asset.auditText.replaced",
        { number, previous },
      );
    }
    case "archived":
      return t("dam.asset.auditText.archived");
    case "status-changed":
      return t("dam.asset.auditText.status-changed", {
        from: t(`dam.status.${shown(before.status) as "DRAFT"}`),
        to: t(`dam.status.${shown(after.status) as "DRAFT"}`),
      });
    case "updated":
      return t("dam.asset.auditText.updated", {
        fields: Object.keys(after)
          .filter((k) => shown(before[k]) !== shown(after[k]))
          .map((k) =>
            t("dam.asset.auditText.field", {
              field: t(`dam.asset.auditFields.${k as "title"}`),
              from: shown(before[k]),
              to: shown(after[k]),
            }),
          )
          .join("; "),
      });
    case "tagged": {
      const add = (after.add as string[] | undefined) ?? [];
      const remove = (after.remove as string[] | undefined) ?? [];
      return [
        add.length
          ? t("dam.asset.auditText.tagged", { tags: add.join(", ") })
          : "",
        remove.length
          ? t("dam.asset.auditText.untagged", { tags: remove.join(", ") })
          : "",
      ]
        .filter(Boolean)
        .join("; ");
    }
    case "collected":
      return t("dam.asset.auditText.collected", {
        collection: shown(after.collection),
      });
    default:
      return t("dam.asset.auditText.other", { action: a });
  }
}

export function AuditCard({
  audit,
  staff,
  versions,
}: {
  audit: AuditEvent[];
  staff: Record<string, string>;
  versions: { id: string; number: number }[];
}) {
  const t = useT();
  const numberOf = (id: unknown) =>
    versions.find((v) => v.id === id)?.number ?? "?";
  return (
    <div id="audit-trail">
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
            <Text as="p" key={event.id}>
              <Text as="span" fontWeight="semibold">
                {staff[event.actor] ?? event.actor}
              </Text>{" "}
              {describeAuditEvent(t, event, numberOf)} ·{" "}
              <Text as="span" tone="subdued">
                <LocalTime iso={event.createdAt} />
              </Text>
            </Text>
          ))}
        </BlockStack>
      </Card>
    </div>
  );
}
