// The product editor: values per locale × channel (product and per variant), approval, family, completeness,
// history with revert, and the product's state on each channel.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ProductEditor } from "~/components/pim/product-editor";
import { ProductChannelsCard } from "~/components/sync/product-channels-card";
import { DriftCard } from "~/components/sync/drift-card";
import { ProductImagesCard } from "~/components/sync/product-images-card";
import { LanguagesCard } from "~/components/pim/languages-card";
import { failureOf } from "~/lib/action-result";
import {
  actionFailure,
  actorOf,
  loaderFailure,
  parseForm,
  readForm,
  requireParam,
} from "~/lib/http.server";
import { overrideReasonField } from "~/pim/approval-gate";
import { approveAndPublish } from "~/pim/approval.server";
import { listFamilies } from "~/pim/attributes.db.server";
import { ANY, CHANNELS } from "~/pim/channels";
import { loadProductEditor } from "~/pim/product-editor.db.server";
import {
  changeProductFamily,
  saveEditorValues,
} from "~/pim/product-editor.server";
import { translationOverview } from "~/pim/translation-status.server";
import { revertChange } from "~/pim/values.db.server";
import { authenticate } from "~/shopify.server";
import { productChannelStates } from "~/sync/overview.server";
import { openDrift } from "~/sync/drift.db.server";
import { productImages } from "~/sync/product-images.db.server";
import {
  setSwatchCropPoint,
  swatchCropPointInput,
} from "~/sync/swatch-crop-point.server";
import { productSwatches } from "~/sync/swatches.db.server";

const viewQuery = z.object({
  locale: z.string().max(20).optional(),
  channel: z.enum([ANY, ...CHANNELS]).optional(),
});

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const productId = requireParam(params, "id");
  const view = viewQuery.safeParse(
    Object.fromEntries(new URL(request.url).searchParams),
  );
  try {
    const [editor, families, channelStates, images, drift] = await Promise.all([
      loadProductEditor(session.shop, productId, view.data ?? {}),
      listFamilies(session.shop),
      productChannelStates(session.shop, [productId]),
      productImages(session.shop, productId),
      openDrift(session.shop, productId),
    ]);
    const [translations, swatches] = await Promise.all([
      translationOverview(session.shop, productId),
      productSwatches(session.shop, productId),
    ]);
    return {
      ...editor,
      translations,
      swatches,
      channelStates: channelStates[productId] ?? [],
      images,
      drift,
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
  z.object({
    intent: z.literal("approve"),
    overrideReason: overrideReasonField,
  }),
  z.object({ intent: z.literal("revert-change"), changeId: z.uuid() }),
  z.object({
    intent: z.literal("revert-field"),
    valueChangeId: z.string().min(1).max(40),
  }),
  z.object({ intent: z.literal("family"), familyId: z.string().max(40) }),
  swatchCropPointInput.extend({ intent: z.literal("swatch-crop") }),
]);

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const auth = await authenticate.admin(request);
  const shop = auth.session.shop;
  const productId = requireParam(params, "id");
  const form = await readForm(request);
  try {
    const input = await parseForm(form, actionInput);
    switch (input.intent) {
      case "save":
        await saveEditorValues(
          shop,
          productId,
          { locale: input.locale, channel: input.channel, fields: form },
          actorOf(auth),
        );
        return json({ ok: true as const, intent: "save" as const });
      case "approve":
        await approveAndPublish(shop, [productId], actorOf(auth), {
          overrideReason: input.overrideReason,
        });
        return json({ ok: true as const, intent: "approve" as const });
      case "revert-change":
      case "revert-field":
        await revertChange(
          shop,
          input.intent === "revert-change"
            ? { changeId: input.changeId }
            : { valueChangeId: input.valueChangeId },
          actorOf(auth),
        );
        return json({ ok: true as const, intent: "revert" as const });
      case "family":
        await changeProductFamily(shop, productId, input.familyId || null);
        return json({ ok: true as const, intent: "family" as const });
      case "swatch-crop":
        await setSwatchCropPoint(shop, productId, input);
        return json({ ok: true as const, intent: "swatch-crop" as const });
    }
  } catch (error) {
    return actionFailure(error, form);
  }
};

export default function ProductEditorRoute() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <ProductEditor
      data={data}
      result={result}
      failure={failureOf(result)}
      families={data.families}
      channelsCard={
        <>
          {data.drift.length > 0 && (
            <DriftCard productId={data.product.id} items={data.drift} />
          )}
          <ProductChannelsCard states={data.channelStates} />
          <ProductImagesCard images={data.images} />
          <LanguagesCard
            translations={data.translations}
            swatches={data.swatches}
            marketsUrl={`/app/products/${data.product.id}/markets`}
          />
        </>
      }
    />
  );
}
