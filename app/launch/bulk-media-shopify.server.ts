// The Shopify side of staging a launch's media in bulk (issue #14): the renditions' bytes go to Shopify's staged
// uploads (one stagedUploadsCreate per 250 files instead of one per file), then bulk mutations — one JSONL line per
// product — create the files, attach them to their product and point each variant at its image, all outside the
// request cost budget (bulk-mutation.server.ts). The inner mutations are `#graphql` documents, so codegen validates
// them against the 2026-10 schema like the rest.
import { chunks } from "~/lib/chunks";
import { Upstream } from "~/lib/errors";
import type { AdminClient } from "~/shopify/admin-client.server";
import { assertNoUserErrors } from "~/shopify/admin-graphql.server";
import { shopifyFetch } from "~/shopify/api-origin.server";
import {
  awaitBulkMutation,
  lineFailures,
  startBulkMutation,
} from "~/shopify/bulk-mutation.server";

/** Shopify's input arrays take at most 250 items. */
const TARGETS_PER_CALL = 250;
const UPLOAD_CONCURRENCY = 8;

const STAGE_MANY = `#graphql
  mutation LaunchStageMedia($input: [StagedUploadInput!]!) {
    stagedUploadsCreate(input: $input) {
      stagedTargets { url resourceUrl parameters { name value } }
      userErrors { field message }
    }
  }
`;

export const CREATE_FILES = `#graphql
  mutation LaunchCreateFiles($files: [FileCreateInput!]!) {
    fileCreate(files: $files) {
      files { id fileStatus }
      userErrors { field message code }
    }
  }
`;

export const ATTACH_FILES = `#graphql
  mutation LaunchAttachFiles($files: [FileUpdateInput!]!) {
    fileUpdate(files: $files) {
      files { id }
      userErrors { field message code }
    }
  }
`;

export const APPEND_VARIANT_MEDIA = `#graphql
  mutation LaunchAppendVariantMedia($productId: ID!, $variantMedia: [ProductVariantAppendMediaInput!]!) {
    productVariantAppendMedia(productId: $productId, variantMedia: $variantMedia) {
      product { id }
      userErrors { field message code }
    }
  }
`;

export interface MediaUpload {
  filename: string;
  mimeType: string;
  size: number;
  /** Read when sent, so a wave's bytes are never all in memory. */
  read: () => Promise<Buffer>;
}

/** Uploads every file to a staged target (PUT); returns each one's resourceUrl, in order. */
export async function stageUploads(
  client: AdminClient,
  uploads: readonly MediaUpload[],
): Promise<string[]> {
  const urls: string[] = [];
  for (const batch of chunks([...uploads], TARGETS_PER_CALL)) {
    const data = await client.request(STAGE_MANY, {
      input: batch.map((u) => ({
        filename: u.filename,
        mimeType: u.mimeType,
        resource: "IMAGE" as const,
        httpMethod: "PUT" as const,
        fileSize: String(u.size),
      })),
    });
    assertNoUserErrors(
      "stagedUploadsCreate",
      data.stagedUploadsCreate?.userErrors ?? [],
    );
    const targets = data.stagedUploadsCreate?.stagedTargets ?? [];
    if (targets.length !== batch.length)
      throw new Upstream("stagedUploadsCreate returned too few targets", true);
    const queue = batch.map((upload, i) => ({ upload, target: targets[i]! }));
    await Promise.all(
      Array.from({ length: UPLOAD_CONCURRENCY }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const { upload, target } = next;
          if (!target.url || !target.resourceUrl)
            throw new Upstream("stagedUploadsCreate returned no target", true);
          const headers: Record<string, string> = {
            "Content-Type": upload.mimeType,
          };
          for (const { name, value } of target.parameters)
            if (name === "acl") headers["x-goog-acl"] = value;
          const response = await shopifyFetch(target.url, {
            method: "PUT",
            body: new Uint8Array(await upload.read()),
            headers,
          });
          if (!response.ok)
            throw new Upstream(
              `staged upload failed: HTTP ${response.status}`,
              response.status >= 500,
            );
        }
      }),
    );
    urls.push(...targets.map((t) => t.resourceUrl!));
  }
  return urls;
}

/** Per key (a product): the payload Shopify answered, or why the line failed. */
export interface BulkLines<K> {
  ok: Map<K, Record<string, unknown>>;
  failed: Map<K, string>;
}

/**
 * Runs `mutation` in one bulk operation, a line per entry, and sorts the per-line answers: a line is ok only when
 * it has a payload and no userErrors. Throws `Upstream` when the operation cannot start or vanishes.
 */
export async function bulkLines<K>(
  client: AdminClient,
  mutation: string,
  field: string,
  entries: readonly (readonly [K, Record<string, unknown>])[],
  clientIdentifier: string,
): Promise<BulkLines<K>> {
  const out: BulkLines<K> = { ok: new Map(), failed: new Map() };
  if (entries.length === 0) return out;
  const id = await startBulkMutation(
    client,
    mutation,
    entries.map(([, variables]) => variables),
    clientIdentifier,
  );
  const result = await awaitBulkMutation(client, id, { maxPollMs: 2_000 });
  entries.forEach(([key], line) => {
    const answer = result.lines.get(line);
    const failures = lineFailures(answer, field);
    const payload = answer?.data?.[field] as Record<string, unknown> | null;
    if (failures.length === 0 && payload) out.ok.set(key, payload);
    else out.failed.set(key, failures.join("; ") || `no ${field} answer`);
  });
  return out;
}
