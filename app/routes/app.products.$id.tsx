import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  useActionData,
  useLoaderData,
  useNavigate,
  useNavigation,
  useSearchParams,
  useSubmit,
} from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  DataTable,
  InlineStack,
  Layout,
  Page,
  ProgressBar,
  Select,
  Text,
} from "@shopify/polaris";
import { z } from "zod";
import { FormSelect, FormTextField } from "~/components/form-fields";
import { useT } from "~/i18n";
import { approveAndPublish } from "~/pim/approval.server";
import { listFamilies, setProductFamily } from "~/pim/attributes.db.server";
import { ANY, CHANNELS } from "~/pim/channels";
import { loadProductEditor } from "~/pim/product-editor.db.server";
import { failureOf, typedText } from "~/lib/action-result";
import {
  actionFailure,
  actorOf,
  loaderFailure,
  parseForm,
  readForm,
  requireParam,
} from "~/lib/http.server";
import { valueFieldName } from "~/pim/value-field";
import {
  recomputeCompleteness,
  revertChange,
  saveProductValues,
  type ValueEdit,
} from "~/pim/values.db.server";
import { authenticate } from "~/shopify.server";
import { ProductChannelsCard } from "~/components/sync/product-channels-card";
import { productChannelStates } from "~/sync/overview.db.server";

const viewQuery = z.object({
  locale: z.string().max(20).optional(),
  channel: z.enum([ANY, ...CHANNELS]).optional(),
});

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const productId = requireParam(params, "id");
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const view = viewQuery.safeParse(search);
  try {
    const editor = await loadProductEditor(
      session.shop,
      productId,
      view.success ? view.data : {},
    );
    const families = await listFamilies(session.shop);
    const channelStates =
      (await productChannelStates(session.shop, [productId]))[productId] ?? [];
    return {
      ...editor,
      channelStates,
      families: families.map((f) => ({ id: f.id, name: f.name })),
    };
  } catch (error) {
    return loaderFailure(error);
  }
};

const actionInput = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("save"),
    locale: z.string().max(20),
    channel: z.enum([ANY, ...CHANNELS]),
  }),
  z.object({ intent: z.literal("approve") }),
  z.object({ intent: z.literal("revert-change"), changeId: z.uuid() }),
  z.object({
    intent: z.literal("revert-field"),
    valueChangeId: z.string().min(1).max(40),
  }),
  z.object({
    intent: z.literal("family"),
    familyId: z.string().max(40),
  }),
]);

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const context = await authenticate.admin(request);
  const shop = context.session.shop;
  const productId = requireParam(params, "id");
  const input = await readForm(request);
  const actor = actorOf(context);
  try {
    const parsed = { data: await parseForm(input, actionInput) };
    switch (parsed.data.intent) {
      case "save": {
        const { locale, channel } = parsed.data;
        const edits: ValueEdit[] = [];
        for (const [name, value] of Object.entries(input)) {
          const match = /^v\.([^.]+)\.([a-z0-9_-]+)$/.exec(name);
          if (!match) continue;
          const [, owner, attributeKey] = match;
          edits.push({
            attributeKey: attributeKey!,
            variantId: owner === "product" ? null : owner,
            locale,
            channel,
            input: value as string,
          });
        }
        await saveProductValues(shop, productId, edits, actor);
        return json({ ok: true as const, intent: "save" });
      }
      case "approve":
        await approveAndPublish(shop, [productId], actor);
        return json({ ok: true as const, intent: "approve" });
      case "revert-change":
        await revertChange(shop, { changeId: parsed.data.changeId }, actor);
        return json({ ok: true as const, intent: "revert" });
      case "revert-field":
        await revertChange(
          shop,
          { valueChangeId: parsed.data.valueChangeId },
          actor,
        );
        return json({ ok: true as const, intent: "revert" });
      case "family":
        await setProductFamily(shop, productId, parsed.data.familyId || null);
        await recomputeCompleteness(shop, [productId]);
        return json({ ok: true as const, intent: "family" });
    }
  } catch (error) {
    return actionFailure(error, input);
  }
};

export default function ProductEditor() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const navigate = useNavigate();
  const submit = useSubmit();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const failure = failureOf(result);
  const busy = navigation.state === "submitting";

  const view = (key: "locale" | "channel", value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    navigate(`?${next.toString()}`);
  };
  const fieldName = (
    attribute: (typeof data.attributes)[number],
    variantId: string | null,
  ) =>
    valueFieldName({
      attributeKey: attribute.key,
      variantId,
      locale: attribute.localisable ? data.locale : ANY,
      channel: attribute.channelSpecific ? data.channel : ANY,
    });
  const valueOf = (
    attribute: (typeof data.attributes)[number],
    variantId: string | null,
  ) => {
    const formName = `v.${variantId ?? "product"}.${attribute.key}`;
    return (
      typedText(failure, formName) ??
      data.values[fieldName(attribute, variantId)] ??
      ""
    );
  };
  const errorOf = (
    attribute: (typeof data.attributes)[number],
    variantId: string | null,
  ) => failure?.fieldErrors[fieldName(attribute, variantId)]?.join(" ");
  const label = (attribute: (typeof data.attributes)[number]) =>
    attribute.labels[data.locale] ?? attribute.labels.en ?? attribute.key;

  const field = (
    attribute: (typeof data.attributes)[number],
    variantId: string | null,
    compact = false,
  ) => {
    const name = `v.${variantId ?? "product"}.${attribute.key}`;
    const approved = data.approved[fieldName(attribute, variantId)];
    const help =
      !compact && attribute.requiredChannels.length
        ? t("pim.editor.required", {
            channels: attribute.requiredChannels
              .map((c) => t(`pim.channel.${c as "STOREFRONT"}`))
              .join(", "),
          })
        : undefined;
    const common = {
      label: compact ? "" : label(attribute),
      labelHidden: compact,
      error: errorOf(attribute, variantId),
      helpText:
        help ??
        (!compact &&
        data.product.pimStatus === "PENDING" &&
        approved !== undefined
          ? t("pim.editor.approvedValue", { value: approved || "—" })
          : undefined),
    };
    if (attribute.type === "single_select" || attribute.type === "boolean") {
      const options =
        attribute.type === "boolean"
          ? [
              { label: t("pim.editor.yes"), value: "true" },
              { label: t("pim.editor.no"), value: "false" },
            ]
          : (attribute.validation.allowedValues ?? []).map((v) => ({
              label: v,
              value: v,
            }));
      return (
        <FormSelect
          key={`${name}-${data.locale}-${data.channel}`}
          {...common}
          name={name}
          options={[{ label: "—", value: "" }, ...options]}
          defaultValue={valueOf(attribute, variantId)}
        />
      );
    }
    return (
      <FormTextField
        key={`${name}-${data.locale}-${data.channel}`}
        {...common}
        name={name}
        multiline={
          attribute.type === "multi_line_text" || attribute.type === "rich_text"
        }
        defaultValue={valueOf(attribute, variantId)}
      />
    );
  };

  const groups = new Map<string, typeof data.attributes>();
  for (const attribute of data.attributes.filter((a) => a.level === "PRODUCT"))
    groups.set(attribute.group, [
      ...(groups.get(attribute.group) ?? []),
      attribute,
    ]);
  const variantAttributes = data.attributes.filter(
    (a) => a.level === "VARIANT",
  );

  return (
    <Page
      backAction={{ url: "/app/products" }}
      title={data.product.title}
      titleMetadata={
        <Badge
          tone={
            data.product.pimStatus === "APPROVED"
              ? "success"
              : data.product.pimStatus === "PENDING"
                ? "attention"
                : undefined
          }
        >
          {t(`pim.status.${data.product.pimStatus as "DRAFT"}`)}
        </Badge>
      }
      subtitle={t("pim.editor.published", {
        published: data.product.publishedVersion,
        approved: data.product.approvedVersion,
      })}
      primaryAction={{
        content: t("pim.editor.approve"),
        disabled: data.product.pimStatus === "APPROVED" || busy,
        onAction: () => submit({ intent: "approve" }, { method: "post" }),
      }}
    >
      <Layout>
        {failure && (
          <Layout.Section>
            <Banner tone="critical" title={t("pim.editor.invalid")}>
              <p>{failure.message}</p>
            </Banner>
          </Layout.Section>
        )}
        {result?.ok && (
          <Layout.Section>
            <Banner
              tone="success"
              title={t(
                result.intent === "approve"
                  ? "pim.editor.approved"
                  : "pim.editor.saved",
              )}
            />
          </Layout.Section>
        )}
        <Layout.Section>
          <Form method="post">
            <input type="hidden" name="intent" value="save" />
            <input type="hidden" name="locale" value={data.locale} />
            <input type="hidden" name="channel" value={data.channel} />
            <BlockStack gap="400">
              <Card>
                <InlineStack gap="400" blockAlign="end">
                  <Select
                    label={t("pim.editor.locale")}
                    options={data.locales.map((l) => ({ label: l, value: l }))}
                    value={data.locale}
                    onChange={(v) => view("locale", v)}
                  />
                  <Select
                    label={t("pim.editor.channel")}
                    options={([ANY, ...CHANNELS] as const).map((c) => ({
                      label: t(`pim.channel.${c}`),
                      value: c,
                    }))}
                    value={data.channel}
                    onChange={(v) => view("channel", v)}
                  />
                  <Button submit variant="primary" loading={busy}>
                    {t("pim.editor.save")}
                  </Button>
                </InlineStack>
              </Card>
              {[...groups.entries()].map(([group, attributes]) => (
                <Card key={group}>
                  <BlockStack gap="300">
                    <Text as="h2" variant="headingMd">
                      {group}
                    </Text>
                    {attributes.map((a) => (
                      <div key={a.key}>{field(a, null)}</div>
                    ))}
                  </BlockStack>
                </Card>
              ))}
              {variantAttributes.length > 0 && (
                <Card>
                  <BlockStack gap="300">
                    <Text as="h2" variant="headingMd">
                      {t("pim.editor.variantGrid")}
                    </Text>
                    <DataTable
                      columnContentTypes={[
                        "text",
                        ...variantAttributes.map(() => "text" as const),
                      ]}
                      headings={[
                        t("pim.editor.variant"),
                        ...variantAttributes.map(label),
                      ]}
                      rows={data.variants.map((v) => [
                        `${v.title}${v.sku ? ` · ${v.sku}` : ""}`,
                        ...variantAttributes.map((a) => field(a, v.id, true)),
                      ])}
                    />
                  </BlockStack>
                </Card>
              )}
            </BlockStack>
          </Form>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <ProductChannelsCard states={data.channelStates} />
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t("pim.editor.family")}
                </Text>
                <Select
                  label={t("pim.editor.setFamily")}
                  labelHidden
                  options={[
                    { label: t("pim.editor.noFamily"), value: "" },
                    ...data.families.map((f) => ({
                      label: f.name,
                      value: f.id,
                    })),
                  ]}
                  value={data.product.familyId ?? ""}
                  onChange={(familyId) =>
                    submit({ intent: "family", familyId }, { method: "post" })
                  }
                />
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t("pim.editor.completeness")}
                </Text>
                {data.completeness.map((c) => {
                  const missing = (
                    c.missing as { attribute: string; variantId?: string }[]
                  ).map((m) => m.attribute);
                  return (
                    <BlockStack gap="100" key={c.channel}>
                      <InlineStack align="space-between">
                        <Text as="span">
                          {t(`pim.channel.${c.channel as "STOREFRONT"}`)}
                        </Text>
                        <Badge
                          tone={c.percent === 100 ? "success" : "attention"}
                        >{`${c.percent}%`}</Badge>
                      </InlineStack>
                      <ProgressBar
                        progress={c.percent}
                        size="small"
                        tone={c.percent === 100 ? "success" : "highlight"}
                      />
                      <Text as="p" tone="subdued" variant="bodySm">
                        {missing.length
                          ? t("pim.editor.missing", {
                              fields: [...new Set(missing)].join(", "),
                            })
                          : t("pim.editor.nothingMissing")}
                      </Text>
                    </BlockStack>
                  );
                })}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t("pim.editor.history")}
                </Text>
                {data.product.approvedAt && (
                  <Text as="p" variant="bodySm" tone="success">
                    {t("pim.editor.approvedBy", {
                      version: data.product.approvedVersion,
                      actor: data.product.approvedBy ?? t("pim.editor.someone"),
                      at: new Date(data.product.approvedAt).toLocaleString(),
                    })}
                  </Text>
                )}
                {data.history.length === 0 && (
                  <Text as="p">{t("pim.editor.noHistory")}</Text>
                )}
                {data.history.map((h, i) => (
                  <Box key={h.id} paddingBlockEnd="200">
                    <Text as="p" variant="bodySm">
                      <strong>{h.attributeKey}</strong>{" "}
                      {t("pim.editor.change", {
                        kind: h.kind.toLowerCase(),
                        actor: h.actor ?? t("pim.editor.someone"),
                        at: new Date(h.createdAt).toLocaleString(),
                        before: h.before || "—",
                        after: h.after || "—",
                      })}
                    </Text>
                    <InlineStack gap="200">
                      <Button
                        variant="plain"
                        onClick={() =>
                          submit(
                            { intent: "revert-field", valueChangeId: h.id },
                            { method: "post" },
                          )
                        }
                      >
                        {t("pim.editor.revertField")}
                      </Button>
                      {data.history[i - 1]?.changeId !== h.changeId && (
                        <Button
                          variant="plain"
                          onClick={() =>
                            submit(
                              { intent: "revert-change", changeId: h.changeId },
                              { method: "post" },
                            )
                          }
                        >
                          {t("pim.editor.revertChange")}
                        </Button>
                      )}
                    </InlineStack>
                  </Box>
                ))}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
