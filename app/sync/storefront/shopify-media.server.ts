// The Shopify side of publishing images, files part: staged upload → file → READY, and replacement in place
// (products' media and variant images: shopify-product-media.server.ts). Every call goes through the
// throttle-aware AdminClient; batches respect Shopify's limits (250 files per fileCreate/fileUpdate/nodes).
import { chunks } from "~/lib/chunks";
import { Upstream } from "~/lib/errors";
import type { AdminClient } from "~/shopify/admin-client.server";
import {
  assertNoUserErrors,
  type UserError,
} from "~/shopify/admin-graphql.server";
import { shopifyFetch } from "~/shopify/api-origin.server";

const FILES_PER_CALL = 250;

const STAGE = `#graphql
  mutation StageMediaUpload($input: [StagedUploadInput!]!) {
    stagedUploadsCreate(input: $input) {
      stagedTargets { url resourceUrl parameters { name value } }
      userErrors { field message }
    }
  }
`;

const CREATE_FILES = `#graphql
  mutation CreateMediaFiles($files: [FileCreateInput!]!) {
    fileCreate(files: $files) {
      files { id fileStatus }
      userErrors { field message code }
    }
  }
`;

const UPDATE_FILES = `#graphql
  mutation UpdateMediaFiles($files: [FileUpdateInput!]!) {
    fileUpdate(files: $files) {
      files { id fileStatus }
      userErrors { field message code }
    }
  }
`;

const DELETE_FILES = `#graphql
  mutation DeleteMediaFiles($fileIds: [ID!]!) {
    fileDelete(fileIds: $fileIds) {
      deletedFileIds
      userErrors { field message code }
    }
  }
`;

const FILE_STATES = `#graphql
  query MediaFileStates($ids: [ID!]!) {
    nodes(ids: $ids) {
      id
      ... on MediaImage { status image { url } mediaErrors { code message } }
      ... on GenericFile { fileStatus url }
      ... on Video { status mediaErrors { code message } }
      ... on Model3d { status mediaErrors { code message } }
    }
  }
`;

export interface RenditionUpload {
  filename: string;
  mimeType: string;
  bytes: Buffer;
  /** IMAGE (default), or a video / 3D model uploaded as it is (issue #15). */
  resource?: MediaResource;
}

export type MediaResource = "IMAGE" | "VIDEO" | "MODEL_3D";

export interface FileState {
  id: string;
  status: "UPLOADED" | "PROCESSING" | "READY" | "FAILED";
  url: string | null;
  error: string | null;
}

/**
 * Shopify states that pass: a file still processing is locked (FILE_LOCKED, NON_READY_STATE), a name we create is
 * taken by a copy whose creation answer was lost (found by name on the next try). Retryable, never permanent.
 */
const TRANSIENT_CODES = new Set([
  "FILE_LOCKED",
  "NON_READY_STATE",
  "NON_READY_MEDIA",
  "FILENAME_ALREADY_EXISTS",
]);

/** Throws `Upstream` (retryable) when every userError is transient, `Invalid` otherwise. */
export function assertFileUserErrors(
  operation: string,
  errors: readonly UserError[],
): void {
  if (
    errors.length > 0 &&
    errors.every((e) => TRANSIENT_CODES.has(e.code ?? ""))
  )
    throw new Upstream(
      `${operation}: ${errors.map((e) => `${e.message} (${e.code})`).join("; ")}`,
      true,
    );
  assertNoUserErrors(operation, errors);
}

function putHeaders(
  parameters: readonly { name: string; value: string }[],
  mimeType: string,
): Record<string, string> {
  const headers: Record<string, string> = { "Content-Type": mimeType };
  for (const { name, value } of parameters)
    if (name === "acl") headers["x-goog-acl"] = value;
  return headers;
}

/** The signed form fields in the order given, then the file (storage refuses fields after the file). */
function stagedForm(
  parameters: readonly { name: string; value: string }[],
  upload: RenditionUpload,
): FormData {
  const form = new FormData();
  for (const { name, value } of parameters) form.append(name, value);
  form.append(
    "file",
    new Blob([new Uint8Array(upload.bytes)], { type: upload.mimeType }),
    upload.filename,
  );
  return form;
}

/** Uploads bytes to a staged target (PUT) and returns the resourceUrl to give fileCreate/fileUpdate. */
export async function stageUpload(
  client: AdminClient,
  upload: RenditionUpload,
): Promise<string> {
  const resource = upload.resource ?? "IMAGE";
  // Videos and 3D models go by a form POST, Shopify's default and the method documented for them.
  const post = resource !== "IMAGE";
  const data = await client.request(STAGE, {
    input: [
      {
        filename: upload.filename,
        mimeType: upload.mimeType,
        resource,
        httpMethod: post ? "POST" : "PUT",
        fileSize: String(upload.bytes.length),
      },
    ],
  });
  assertNoUserErrors(
    "stagedUploadsCreate",
    data.stagedUploadsCreate?.userErrors ?? [],
  );
  const target = data.stagedUploadsCreate?.stagedTargets?.[0];
  if (!target?.url || !target.resourceUrl)
    throw new Upstream("stagedUploadsCreate returned no target", true);
  const response = post
    ? await shopifyFetch(target.url, {
        method: "POST",
        body: stagedForm(target.parameters, upload),
      })
    : await shopifyFetch(target.url, {
        method: "PUT",
        body: new Uint8Array(upload.bytes),
        headers: putHeaders(target.parameters, upload.mimeType),
      });
  if (!response.ok)
    throw new Upstream(
      `staged upload failed: HTTP ${response.status}`,
      response.status >= 500,
    );
  return target.resourceUrl;
}

/** Creates one file per upload (already staged); returns their ids in order. */
export async function createFiles(
  client: AdminClient,
  files: {
    resourceUrl: string;
    filename: string;
    alt: string;
    contentType?: MediaResource;
  }[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const batch of chunks(files, FILES_PER_CALL)) {
    const data = await client.request(CREATE_FILES, {
      files: batch.map((f) => ({
        originalSource: f.resourceUrl,
        filename: f.filename,
        alt: f.alt,
        contentType: f.contentType ?? ("IMAGE" as const),
        // A name already taken is our own copy whose answer was lost: refuse, then find it by name.
        duplicateResolutionMode: "RAISE_ERROR" as const,
      })),
    });
    assertFileUserErrors("fileCreate", data.fileCreate?.userErrors ?? []);
    ids.push(...(data.fileCreate?.files ?? []).map((f) => f.id));
  }
  return ids;
}

export interface FileUpdate {
  id: string;
  originalSource?: string;
  alt?: string;
  referencesToAdd?: string[];
  referencesToRemove?: string[];
}

/** fileUpdate in batches; a replacement keeps the file's id, URL path and every product/variant reference. */
export async function updateFiles(
  client: AdminClient,
  updates: FileUpdate[],
): Promise<void> {
  for (const batch of chunks(updates, FILES_PER_CALL)) {
    const data = await client.request(UPDATE_FILES, { files: batch });
    assertFileUserErrors("fileUpdate", data.fileUpdate?.userErrors ?? []);
  }
}

export async function deleteFiles(
  client: AdminClient,
  ids: string[],
): Promise<void> {
  for (const batch of chunks(ids, FILES_PER_CALL)) {
    const data = await client.request(DELETE_FILES, { fileIds: batch });
    assertNoUserErrors("fileDelete", data.fileDelete?.userErrors ?? []);
  }
}

export async function fileStates(
  client: AdminClient,
  ids: string[],
): Promise<FileState[]> {
  const states: FileState[] = [];
  for (const batch of chunks(ids, FILES_PER_CALL)) {
    const data = await client.request(FILE_STATES, { ids: batch });
    for (const [index, node] of data.nodes.entries()) {
      if (!node) {
        states.push({
          id: batch[index]!,
          status: "FAILED",
          url: null,
          error: "file does not exist",
        });
      } else if ("status" in node) {
        const error = node.mediaErrors?.[0];
        states.push({
          id: node.id,
          status: node.status,
          url: "image" in node ? (node.image?.url ?? null) : null,
          error: error ? `${error.code}: ${error.message}` : null,
        });
      } else if ("fileStatus" in node) {
        states.push({
          id: node.id,
          status: node.fileStatus,
          url: node.url ?? null,
          error: null,
        });
      }
    }
  }
  return states;
}

/**
 * Polls until every file is READY or FAILED (Shopify processes media asynchronously). Backs off from 100 ms to
 * 1 s between polls. Returns the final states; throws `Upstream` (retryable) on timeout.
 */
export async function waitForFiles(
  client: AdminClient,
  ids: string[],
  timeoutMs = 120_000,
): Promise<FileState[]> {
  const deadline = Date.now() + timeoutMs;
  let delay = 100;
  for (;;) {
    const states = await fileStates(client, ids);
    if (states.every((s) => s.status === "READY" || s.status === "FAILED"))
      return states;
    if (Date.now() > deadline)
      throw new Upstream(`files not ready after ${timeoutMs} ms`, true);
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(1000, Math.round(delay * 1.5));
  }
}
