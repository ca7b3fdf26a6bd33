// Bulk mutations (https://shopify.dev/docs/api/usage/bulk-operations/imports): the variables of every call are
// uploaded as one JSONL file (stagedUploadsCreate, resource BULK_MUTATION_VARIABLES, POST form; its `key`
// parameter is the stagedUploadPath), then bulkOperationRunMutation runs the mutation once per line outside the
// request cost budget, and the result is a JSONL file with one line per input line (`__lineNumber`). Since
// 2026-01 any mutation may run in bulk and up to five bulk operations run per shop at a time.
import { Upstream } from "~/lib/errors";
import type { AdminClient } from "./admin-client.server";
import { assertNoUserErrors } from "./admin-graphql.server";
import { shopifyFetch } from "./api-origin.server";

const STAGE_VARIABLES = `#graphql
  mutation StageBulkVariables($input: [StagedUploadInput!]!) {
    stagedUploadsCreate(input: $input) {
      stagedTargets { url resourceUrl parameters { name value } }
      userErrors { field message }
    }
  }
`;

const RUN_MUTATION = `#graphql
  mutation BulkMutationRun($mutation: String!, $path: String!, $client: String) {
    bulkOperationRunMutation(mutation: $mutation, stagedUploadPath: $path, clientIdentifier: $client) {
      bulkOperation { id status }
      userErrors { field message code }
    }
  }
`;

const OPERATION = `#graphql
  query BulkMutationStatus($id: ID!) {
    bulkOperation(id: $id) { id status errorCode objectCount url partialDataUrl completedAt }
  }
`;

/** One result line: the mutation's `data` for input line `line`, or the GraphQL `errors` of that line. */
export interface BulkLineResult {
  line: number;
  data: Record<string, unknown> | null;
  errors: { message: string }[];
}

export interface BulkMutationResult {
  id: string;
  /** When Shopify finished the operation (its `completedAt`). */
  completedAt: Date;
  /** By input line; a line missing from a failed operation's partial file is absent. */
  lines: Map<number, BulkLineResult>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function stageVariables(
  client: AdminClient,
  lines: readonly unknown[],
): Promise<string> {
  const body = lines.map((l) => JSON.stringify(l)).join("\n") + "\n";
  const staged = await client.request(STAGE_VARIABLES, {
    input: [
      {
        filename: "variables.jsonl",
        mimeType: "text/jsonl",
        resource: "BULK_MUTATION_VARIABLES",
        httpMethod: "POST",
      },
    ],
  });
  assertNoUserErrors(
    "stagedUploadsCreate",
    staged.stagedUploadsCreate?.userErrors ?? [],
  );
  const target = staged.stagedUploadsCreate?.stagedTargets?.[0];
  const path = target?.parameters.find((p) => p.name === "key")?.value;
  if (!target?.url || !path)
    throw new Upstream("stagedUploadsCreate returned no target", true);
  const form = new FormData();
  for (const { name, value } of target.parameters) form.append(name, value);
  form.append(
    "file",
    new Blob([body], { type: "text/jsonl" }),
    "variables.jsonl",
  );
  const response = await shopifyFetch(target.url, {
    method: "POST",
    body: form,
  });
  if (!response.ok)
    throw new Upstream(
      `bulk variables upload failed: HTTP ${response.status}`,
      response.status >= 500,
    );
  return path;
}

/** Starts a bulk mutation over `lines` (one variables object each); returns the operation id. */
export async function startBulkMutation(
  client: AdminClient,
  mutation: string,
  lines: readonly unknown[],
  clientIdentifier?: string,
): Promise<string> {
  const path = await stageVariables(client, lines);
  const started = await client.request(RUN_MUTATION, {
    mutation,
    path,
    client: clientIdentifier ?? null,
  });
  const run = started.bulkOperationRunMutation;
  // LIMIT_REACHED (five already running) is worth retrying later; an invalid mutation is not.
  if (run?.userErrors.some((e) => e.code === "LIMIT_REACHED"))
    throw new Upstream("Shopify is already running 5 bulk operations", true, {
      retryAfterMs: 5_000,
    });
  assertNoUserErrors("bulkOperationRunMutation", run?.userErrors ?? []);
  if (!run?.bulkOperation)
    throw new Upstream("bulkOperationRunMutation returned no operation");
  return run.bulkOperation.id;
}

async function resultLines(url: string): Promise<Map<number, BulkLineResult>> {
  const response = await shopifyFetch(url);
  if (!response.ok)
    throw new Upstream(`bulk result download failed: HTTP ${response.status}`);
  const out = new Map<number, BulkLineResult>();
  for (const raw of (await response.text()).split("\n")) {
    if (!raw.trim()) continue;
    const parsed = JSON.parse(raw) as {
      __lineNumber: number;
      data?: Record<string, unknown>;
      errors?: { message: string }[];
    };
    out.set(parsed.__lineNumber, {
      line: parsed.__lineNumber,
      data: parsed.data ?? null,
      errors: parsed.errors ?? [],
    });
  }
  return out;
}

/**
 * Waits for a bulk operation to finish and reads its per-line results. A FAILED operation's partial file is read
 * too (the lines it has are done; the caller retries the rest). Throws `Upstream` when it was canceled or expired.
 */
export async function awaitBulkMutation(
  client: AdminClient,
  id: string,
  options: { pollMs?: number; maxPollMs?: number } = {},
): Promise<BulkMutationResult> {
  let pollMs = options.pollMs ?? 200;
  for (;;) {
    const { bulkOperation: op } = await client.request(OPERATION, { id });
    if (!op) throw new Upstream(`bulk operation ${id} vanished`);
    if (op.status === "COMPLETED" || op.status === "FAILED") {
      const url = op.url ?? op.partialDataUrl;
      return {
        id,
        completedAt: new Date(op.completedAt ?? Date.now()),
        lines: url ? await resultLines(url) : new Map(),
      };
    }
    if (["CANCELED", "CANCELING", "EXPIRED"].includes(op.status))
      throw new Upstream(`bulk operation ${id} ${op.status}`);
    await sleep(pollMs);
    pollMs = Math.min(pollMs * 1.5, options.maxPollMs ?? 1_000);
  }
}

/** The userErrors (or line errors) of one result line of `field`, in words; empty when the line succeeded. */
export function lineFailures(
  result: BulkLineResult | undefined,
  field: string,
): string[] {
  if (!result) return ["no result line (the operation stopped before it)"];
  if (result.errors.length) return result.errors.map((e) => e.message);
  const payload = result.data?.[field] as
    { userErrors?: { message: string }[] } | null | undefined;
  if (!payload) return [`no ${field} payload`];
  return (payload.userErrors ?? []).map((e) => e.message);
}
