// The new launch form: a name, the products (by tag, family, collection or picked in Shopify's resource picker)
// and an optional go-live time, typed in the merchant's own time zone and posted as UTC. Posts the fields of
// launch.schema.ts `createLaunchForm`; errors show under the field they concern.
import { Form, useNavigation } from "@remix-run/react";
import {
  BlockStack,
  Button,
  Card,
  InlineError,
  InlineStack,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { useT } from "~/i18n";
import { typedText, type ActionFailure } from "~/lib/action-result";

type SelectionKind = "tag" | "family" | "collection" | "products";

interface Picked {
  ids: string[];
  titles: string[];
}

/** `YYYY-MM-DDTHH:mm` in the browser's zone (what a datetime-local field holds) → ISO UTC; "" stays "". */
function toUtc(local: string): string {
  const date = new Date(local);
  return local && !Number.isNaN(date.getTime()) ? date.toISOString() : "";
}

export function LaunchForm({
  families,
  failure,
}: {
  families: { id: string; name: string }[];
  failure: ActionFailure | undefined;
}) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const error = (...fields: string[]) =>
    fields.flatMap((field) => failure?.fieldErrors[field] ?? []).join(" ") ||
    undefined;
  const [name, setName] = useState(typedText(failure, "name") ?? "");
  const [kind, setKind] = useState<SelectionKind>(
    (typedText(failure, "selectionKind") as SelectionKind) ?? "tag",
  );
  const [tag, setTag] = useState(typedText(failure, "tag") ?? "");
  const [familyId, setFamilyId] = useState(
    typedText(failure, "familyId") ?? families[0]?.id ?? "",
  );
  const [collection, setCollection] = useState<Picked>({
    ids: [],
    titles: [],
  });
  const [products, setProducts] = useState<Picked>({ ids: [], titles: [] });
  const [goLiveLocal, setGoLiveLocal] = useState("");

  const pick = async (type: "product" | "collection") => {
    const selection = await shopify.resourcePicker({
      type,
      action: "select",
      multiple: type === "product",
    });
    if (!selection?.length) return;
    const picked = {
      ids: selection.map((item) => item.id),
      titles: selection.map((item) => item.title),
    };
    if (type === "product") setProducts(picked);
    else setCollection(picked);
  };

  const selectionError = error(
    "selection",
    "selection.kind",
    "selection.tag",
    "selection.familyId",
    "selection.collectionId",
    "selection.productIds",
  );
  return (
    <Card>
      <Form method="post" id="launch-form">
        <BlockStack gap="400">
          <TextField
            label={t("launch.name")}
            name="name"
            value={name}
            onChange={setName}
            autoComplete="off"
            error={error("name")}
          />
          <BlockStack gap="200">
            <Select
              label={t("launch.form.by")}
              name="selectionKind"
              value={kind}
              onChange={(value) => setKind(value as SelectionKind)}
              options={[
                { value: "tag", label: t("launch.form.byTag") },
                { value: "family", label: t("launch.form.byFamily") },
                { value: "collection", label: t("launch.form.byCollection") },
                { value: "products", label: t("launch.form.byProducts") },
              ]}
            />
            {kind === "tag" ? (
              <TextField
                label={t("launch.form.tag")}
                name="tag"
                value={tag}
                onChange={setTag}
                autoComplete="off"
              />
            ) : kind === "family" ? (
              <Select
                label={t("launch.form.family")}
                name="familyId"
                value={familyId}
                onChange={setFamilyId}
                options={families.map((f) => ({ value: f.id, label: f.name }))}
              />
            ) : (
              <PickedField
                picked={kind === "products" ? products : collection}
                name={kind === "products" ? "productIds" : "collectionId"}
                label={
                  kind === "products"
                    ? t("launch.form.picked", { count: products.ids.length })
                    : (collection.titles[0] ?? "")
                }
                onPick={() =>
                  void pick(kind === "products" ? "product" : "collection")
                }
              />
            )}
            {selectionError ? (
              <InlineError
                message={selectionError}
                fieldID="launch-selection"
              />
            ) : null}
          </BlockStack>
          <TextField
            label={t("launch.form.goLiveAt")}
            type="datetime-local"
            value={goLiveLocal}
            onChange={setGoLiveLocal}
            autoComplete="off"
            helpText={t("launch.form.noTimeHelp")}
            error={error("goLiveAt")}
          />
          <input type="hidden" name="goLiveAt" value={toUtc(goLiveLocal)} />
          <InlineStack align="end">
            <Button submit variant="primary" loading={busy}>
              {t("launch.form.submit")}
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}

/** What the resource picker chose, posted comma-separated, and the button that opens it. */
function PickedField({
  picked,
  name,
  label,
  onPick,
}: {
  picked: Picked;
  name: string;
  label: string;
  onPick: () => void;
}) {
  const t = useT();
  return (
    <InlineStack gap="200" blockAlign="center">
      <input type="hidden" name={name} value={picked.ids.join(",")} />
      {picked.ids.length ? <Text as="span">{label}</Text> : null}
      <Button onClick={onPick}>
        {picked.ids.length
          ? t("launch.form.changePick")
          : t("launch.form.pick")}
      </Button>
    </InlineStack>
  );
}
