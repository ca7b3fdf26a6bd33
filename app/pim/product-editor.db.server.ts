// What the product editor shows (editor-view.ts): the product, its variants, its family's attributes by group, the
// working (draft) values for one locale × channel, completeness and history. Shop-scoped; throws `NotFound`.
import db from "~/db.server";
import { NotFound } from "~/lib/errors";
import { decodeValue, formatAttributeValue } from "./attribute-types";
import { listAttributes } from "./attributes.db.server";
import { storedColumns } from "./attributes.schema";
import { ANY, type Channel } from "./channels";
import { missingColumn } from "./completeness";
import type { EditorView } from "./editor-view";
import { incompleteColumn } from "./approval-gate";
import { shopLocales } from "~/shop/shop.db.server";
import { valueFieldName } from "./value-field";

export async function loadProductEditor(
  shop: string,
  productId: string,
  view: { locale?: string | null; channel?: Channel | typeof ANY | null },
): Promise<EditorView> {
  const product = await db.product.findFirst({
    where: { shop, id: productId },
    include: {
      variants: {
        orderBy: { position: "asc" },
        select: { id: true, title: true, sku: true },
      },
      family: { include: { attributes: true } },
      completeness: true,
    },
  });
  if (!product) throw new NotFound("product not found");
  const { primary, locales } = await shopLocales(shop);
  const locale =
    view.locale && locales.includes(view.locale) ? view.locale : primary;
  const channel = view.channel ?? ANY;

  const required = new Map(
    (product.family?.attributes ?? []).map((a) => [
      a.attributeId,
      storedColumns.requiredChannels(a.requiredChannels),
    ]),
  );
  const all = await listAttributes(shop);
  // The family's attributes; without a family, every attribute (so data can still be entered).
  const attributes = all
    .filter((a) => !product.family || required.has(a.id))
    .map((a) => ({ ...a, requiredChannels: required.get(a.id) ?? [] }));
  const byId = new Map(all.map((a) => [a.id, a]));

  const values = await db.attributeValue.findMany({
    where: { shop, productId },
  });
  const draft: Record<string, string> = {};
  const approved: Record<string, string> = {};
  for (const value of values) {
    const attribute = byId.get(value.attributeId);
    if (!attribute) continue;
    const wantedLocale = attribute.localisable ? locale : ANY;
    if (value.locale !== wantedLocale) continue;
    const wantedChannel = attribute.channelSpecific ? channel : ANY;
    if (value.channel !== wantedChannel) continue;
    const name = valueFieldName({
      attributeKey: attribute.key,
      variantId: value.variantId,
      locale: value.locale,
      channel: value.channel,
    });
    draft[name] = formatAttributeValue(decodeValue(value.draft));
    approved[name] = formatAttributeValue(decodeValue(value.approved));
  }

  const [history, approvals] = await Promise.all([
    db.valueChange.findMany({
      where: { shop, productId },
      orderBy: { createdAt: "desc" },
      take: 100,
    }),
    db.productApproval.findMany({
      where: { shop, productId },
      orderBy: { createdAt: "desc" },
      take: 20,
    }),
  ]);
  return {
    product: {
      id: product.id,
      title: product.title,
      handle: product.handle,
      status: product.status,
      pimStatus: product.pimStatus,
      vendor: product.vendor,
      productType: product.productType,
      familyId: product.familyId,
      approvedVersion: product.approvedVersion,
      publishedVersion: product.publishedVersion,
      approvedAt: product.approvedAt?.toISOString() ?? null,
      approvedBy: product.approvedBy,
    },
    variants: product.variants,
    attributes,
    locales,
    locale,
    channel,
    values: draft,
    approved,
    completeness: product.completeness.map((c) => ({
      channel: c.channel,
      percent: c.percent,
      missing: missingColumn(c.missing),
    })),
    history: history.map((h) => ({
      id: h.id,
      changeId: h.changeId,
      attributeKey: byId.get(h.attributeId)?.key ?? "?",
      variantId: h.variantId,
      locale: h.locale,
      channel: h.channel,
      before: formatAttributeValue(decodeValue(h.before)),
      after: formatAttributeValue(decodeValue(h.after)),
      kind: h.kind,
      actor: h.actor,
      createdAt: h.createdAt.toISOString(),
    })),
    approvals: approvals.map((a) => ({
      id: a.id,
      version: a.version,
      actor: a.actor,
      createdAt: a.createdAt.toISOString(),
      overrideReason: a.overrideReason,
      incomplete: incompleteColumn(a.incomplete),
    })),
  };
}
