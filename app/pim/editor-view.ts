// The product editor's view model: what loadProductEditor returns and the editor's components show. Pure, so
// components can take its types; it survives JSON (the loader's serialisation) unchanged.
import type { Attribute } from "./attributes.schema";
import type { ANY, Channel } from "./channels";
import type { Missing } from "./completeness";

export interface EditorView {
  product: {
    id: string;
    title: string;
    handle: string;
    status: string;
    pimStatus: string;
    vendor: string | null;
    productType: string | null;
    familyId: string | null;
    approvedVersion: number;
    publishedVersion: number;
    approvedAt: string | null;
    approvedBy: string | null;
  };
  variants: { id: string; title: string; sku: string | null }[];
  attributes: (Attribute & { requiredChannels: string[] })[];
  locales: string[];
  locale: string;
  channel: Channel | typeof ANY;
  /** Field name (valueFieldName) → the text of the working value for the chosen locale × channel. */
  values: Record<string, string>;
  /** Same keys: the approved value, to show what a pending change replaces. */
  approved: Record<string, string>;
  completeness: { channel: string; percent: number; missing: Missing[] }[];
  history: {
    id: string;
    changeId: string;
    attributeKey: string;
    variantId: string | null;
    locale: string;
    channel: string;
    before: string;
    after: string;
    kind: string;
    actor: string | null;
    createdAt: string;
  }[];
  /** Approvals, newest first, with the reason given when the product was incomplete. */
  approvals: {
    id: string;
    version: number;
    actor: string | null;
    createdAt: string;
    overrideReason: string | null;
    incomplete: { channel: string; percent: number }[];
  }[];
}

export type EditorAttribute = EditorView["attributes"][number];
