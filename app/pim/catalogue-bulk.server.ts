// The catalogue's bulk operation: one query over every product and variant of the shop, run by Shopify in the
// background and polled until done, its JSONL result read line by line
// (https://shopify.dev/docs/api/usage/bulk-operations/queries).
import { Readable } from "node:stream";
import { createInterface } from "node:readline";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { Upstream } from "~/lib/errors";
import type { AdminClient } from "~/shopify/admin-client.server";
import { assertNoUserErrors } from "~/shopify/admin-graphql.server";
import {
  MIRROR_PRODUCT_FIELDS,
  MIRROR_VARIANT_FIELDS,
} from "~/shopify/mirror-fields";
import { shopifyFetch } from "~/shopify/api-origin.server";

// The bulk query itself: no variables, connections without `first` (bulk operations page internally).
export const CATALOGUE_BULK_QUERY = `#graphql
  query CatalogueBulkProducts {
    products {
      edges {
        node {
          ...MirrorProductFields
          variants {
            edges {
              node {
                ...MirrorVariantFields
              }
            }
          }
        }
      }
    }
  }
  ${MIRROR_PRODUCT_FIELDS}
  ${MIRROR_VARIANT_FIELDS}
` as const;

const RUN_BULK = `#graphql
  mutation CatalogueBulkRun($query: String!) {
    bulkOperationRunQuery(query: $query) {
      bulkOperation {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const BULK_STATUS = `#graphql
  query CatalogueBulkStatus($id: ID!) {
    bulkOperation(id: $id) {
      id
      status
      errorCode
      objectCount
      rootObjectCount
      url
    }
  }
`;

/** Lines of a remote JSONL file, streamed. */
export async function* remoteLines(url: string): AsyncGenerator<string> {
  const response = await shopifyFetch(url);
  if (!response.ok || !response.body)
    throw new Upstream(`bulk result download failed: HTTP ${response.status}`);
  const reader = createInterface({
    input: Readable.fromWeb(response.body as WebReadableStream),
    crlfDelay: Infinity,
  });
  for await (const line of reader) yield line;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the bulk query and waits until Shopify finishes it; returns the result URL (null: empty shop). */
export async function runCatalogueBulkQuery(
  client: AdminClient,
  options: {
    pollMs?: number;
    onStatus?: (id: string, objects: number) => Promise<void>;
  } = {},
): Promise<{ id: string; url: string | null; objectCount: number }> {
  const started = await client.request(RUN_BULK, {
    query: CATALOGUE_BULK_QUERY,
  });
  assertNoUserErrors(
    "bulkOperationRunQuery",
    started.bulkOperationRunQuery?.userErrors ?? [],
  );
  const id = started.bulkOperationRunQuery!.bulkOperation!.id;
  let pollMs = options.pollMs ?? 250;
  for (;;) {
    const { bulkOperation } = await client.request(BULK_STATUS, { id });
    if (!bulkOperation) throw new Upstream(`bulk operation ${id} vanished`);
    const objects = Number(bulkOperation.objectCount ?? 0);
    await options.onStatus?.(id, objects);
    if (bulkOperation.status === "COMPLETED")
      return { id, url: bulkOperation.url ?? null, objectCount: objects };
    if (
      ["FAILED", "CANCELED", "CANCELING", "EXPIRED"].includes(
        bulkOperation.status,
      )
    )
      throw new Upstream(
        `bulk operation ${id} ${bulkOperation.status}: ${bulkOperation.errorCode ?? "no error code"}`,
      );
    await sleep(pollMs);
    pollMs = Math.min(pollMs * 2, 5_000);
  }
}
