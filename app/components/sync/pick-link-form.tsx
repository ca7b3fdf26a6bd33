// Link this asset by picking: Shopify's resource picker (App Bridge) chooses the product, or some of its
// variants; the role has a human name. Errors show inline, under the field they concern.
import { useFetcher } from "@remix-run/react";
import {
  BlockStack,
  Button,
  InlineStack,
  InlineError,
  Select,
  Text,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import { useT } from "~/i18n";
import { failureOf } from "~/lib/action-result";
import { linkRoles } from "~/sync/link-roles";

interface Picked {
  productGid: string;
  title: string;
  variantGids: string[];
  totalVariants: number;
}

export function PickLinkForm({ assetId }: { assetId: string }) {
  const t = useT();
  const fetcher = useFetcher<{ ok: true; created?: number }>();
  const [picked, setPicked] = useState<Picked | null>(null);
  const [role, setRole] = useState<string>("FRONT");
  const [pickError, setPickError] = useState<string | null>(null);
  const failure = failureOf(fetcher.data);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) setPicked(null);
  }, [fetcher.state, fetcher.data]);

  const pick = async () => {
    setPickError(null);
    const selection = await shopify.resourcePicker({
      type: "product",
      action: "select",
      multiple: false,
    });
    const product = selection?.[0];
    if (!product) return;
    const variantGids = (product.variants ?? [])
      .map((v) => v.id)
      .filter((id): id is string => Boolean(id));
    const total = product.totalVariants ?? variantGids.length;
    setPicked({
      productGid: product.id,
      title: product.title,
      variantGids: variantGids.length < total ? variantGids : [],
      totalVariants: total,
    });
  };

  const submit = () => {
    if (!picked) {
      setPickError(t("sync.pickFirst"));
      return;
    }
    const form = new FormData();
    form.set("intent", "link-picked");
    form.set("productGid", picked.productGid);
    for (const id of picked.variantGids) form.append("variantGids", id);
    form.set("role", role);
    fetcher.submit(form, {
      method: "post",
      action: `/app/assets/${assetId}/links`,
    });
  };

  const productError =
    pickError ??
    failure?.fieldErrors.productGid?.join(" ") ??
    failure?.fieldErrors.variantGids?.join(" ") ??
    (failure && !Object.keys(failure.fieldErrors).length
      ? failure.message
      : null);
  return (
    <div id="pick-link">
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm">
          {t("sync.linkTitle")}
        </Text>
        <InlineStack gap="200" blockAlign="center">
          {picked ? (
            <Text as="span">
              {picked.variantGids.length
                ? `${t("sync.pickedProduct", { title: picked.title })} · ${t("sync.pickVariants", { count: picked.variantGids.length })}`
                : t("sync.pickedProduct", { title: picked.title })}
            </Text>
          ) : null}
          <Button onClick={() => void pick()}>
            {picked ? t("sync.changeProduct") : t("sync.pickProduct")}
          </Button>
        </InlineStack>
        {productError ? (
          <InlineError message={productError} fieldID="pick-link-product" />
        ) : null}
        <Select
          label={t("sync.linkRole")}
          options={linkRoles.map((r) => ({
            value: r,
            label: t(`sync.role.${r}`),
          }))}
          value={role}
          onChange={setRole}
          error={failure?.fieldErrors.role?.join(" ")}
        />
        <div>
          <Button
            variant="primary"
            onClick={submit}
            loading={fetcher.state !== "idle"}
          >
            {t("sync.link")}
          </Button>
        </div>
      </BlockStack>
    </div>
  );
}
