// bulkOperationRunMutation (https://shopify.dev/docs/api/usage/bulk-operations/imports): the variables are a JSONL
// file uploaded through stagedUploadsCreate (resource BULK_MUTATION_VARIABLES, ≤ 100 MB); the mutation runs once
// per line, outside the request cost budget, CREATED → RUNNING → COMPLETED; the result is a JSONL file with one
// line per input line — `{"data":{…},"__lineNumber":n}`, or `errors` when the line itself was invalid — so
// userErrors are per line. "You can supply any GraphQL Admin API mutation": any mutation the emulator implements
// runs (one top-level field per operation). Up to five bulk operations run per shop (2026-01 and up).
import { Kind, type FieldNode } from "graphql";
import type { ShopifyEmulator } from "../emulator";
import type { BulkMutationFault } from "../faults";
import {
  prepare,
  run,
  userErrorsAnswer,
  withVariables,
  type PreparedOperation,
} from "../graphql";
import { gid, parseGid, type BulkOperationRecord } from "../state";
import { finishOperation, MAX_RUNNING, runningOperations } from "./bulk";
import {
  userError,
  type Args,
  type ResolverContext,
  type ResolverMap,
} from "./context";

export const MAX_VARIABLES_BYTES = 100 * 1024 * 1024;
const YIELD_EVERY = 25;

function resultsUrl(op: BulkOperationRecord): string {
  return `https://storage.googleapis.com/shopify-tiff/bulk-operation-outputs/${parseGid(op.id)!.id}.jsonl`;
}

/** The JSONL lines as variables objects, or the 1-based number of the first line that is not a JSON object. */
function parseVariables(text: string): Record<string, unknown>[] | number {
  const lines = text.split("\n");
  const out: Record<string, unknown>[] = [];
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    try {
      const value = JSON.parse(line) as unknown;
      if (!value || typeof value !== "object" || Array.isArray(value))
        return index + 1;
      out.push(value as Record<string, unknown>);
    } catch {
      return index + 1;
    }
  }
  return out;
}

/** Takes the shop's bulk-mutation fault for one operation (counting down `times`). */
function takeFault(
  emulator: ShopifyEmulator,
  domain: string,
): BulkMutationFault | null {
  const fault = emulator.faultsFor(domain).bulkMutation;
  if (!fault || fault.times === 0) return null;
  if (fault.times !== undefined) fault.times -= 1;
  return fault;
}

async function runBulkMutation(
  emulator: ShopifyEmulator,
  domain: string,
  operation: BulkOperationRecord,
  validated: PreparedOperation,
  variables: Record<string, unknown>[],
  field: string,
): Promise<void> {
  const fault = takeFault(emulator, domain);
  const injected = userErrorsAnswer(field, [
    {
      message: fault?.message ?? "Internal error (injected bulk line fault).",
      code: fault?.code,
    },
  ]);
  const out: string[] = [];
  operation.status = operation.status === "CANCELING" ? "CANCELING" : "RUNNING";
  for (const [lineNumber, vars] of variables.entries()) {
    if (operation.status === "CANCELING") break;
    if (
      fault?.stopAfterLines !== undefined &&
      lineNumber >= fault.stopAfterLines
    ) {
      operation.status = "FAILED";
      operation.errorCode = "INTERNAL_SERVER_ERROR";
      break;
    }
    const text = JSON.stringify(vars);
    const failing =
      fault?.failLines?.includes(lineNumber) ||
      fault?.failIds?.some((id) => text.includes(id));
    const prepared = withVariables(validated, vars);
    let line: Record<string, unknown>;
    if ("errors" in prepared) line = { errors: prepared.errors };
    else {
      const result = await run(emulator, domain, prepared, {
        bulk: true,
        mutationOverrides: failing ? { [field]: injected } : null,
      });
      line = {
        ...(result.data ? { data: result.data } : {}),
        ...(result.errors?.length
          ? {
              errors: result.errors.map((e) => ({
                message: e.message,
                path: e.path,
                extensions: e.extensions,
              })),
            }
          : {}),
      };
    }
    out.push(JSON.stringify({ ...line, __lineNumber: lineNumber }));
    operation.objectCount = out.length;
    operation.rootObjectCount = out.length;
    if (emulator.bulkMutationLineMs > 0)
      await new Promise((resolve) =>
        setTimeout(resolve, emulator.bulkMutationLineMs),
      );
    else if (out.length % YIELD_EVERY === 0)
      await new Promise((resolve) => setImmediate(resolve));
  }
  const body = Buffer.from(out.length ? `${out.join("\n")}\n` : "", "utf8");
  operation.blobKey = emulator.putBlob(body);
  operation.fileSize = body.length;
  if (operation.status === "CANCELING") operation.status = "CANCELED";
  else if (operation.status === "FAILED") operation.partial = true;
  else operation.status = "COMPLETED";
  finishOperation(emulator, domain, operation);
}

function runMutation(_root: unknown, args: Args, ctx: ResolverContext) {
  const fail = (field: string[], message: string, code: string) => ({
    bulkOperation: null,
    userErrors: [userError(field, message, code)],
  });
  const prepared = prepare({ query: args.mutation });
  if ("errors" in prepared)
    return fail(
      ["mutation"],
      `Failed to parse the mutation - ${(prepared.errors[0] as { message: string }).message}`,
      "INVALID_MUTATION",
    );
  const fields = prepared.operation.selectionSet.selections.filter(
    (s): s is FieldNode => s.kind === Kind.FIELD,
  );
  if (prepared.operation.operation !== "mutation" || fields.length !== 1)
    return fail(
      ["mutation"],
      "The bulk mutation must be a mutation with exactly one top-level field.",
      "INVALID_MUTATION",
    );
  const field = fields[0]!.name.value;
  if (field.startsWith("bulkOperation"))
    return fail(
      ["mutation"],
      `${field} cannot run in a bulk operation.`,
      "INVALID_MUTATION",
    );
  const path = args.stagedUploadPath as string;
  const upload = ctx.shop.stagedUploads.get(path);
  const bytes = upload?.blobKey ? ctx.emulator.blob(upload.blobKey) : undefined;
  if (!upload || upload.resource !== "BULK_MUTATION_VARIABLES" || !bytes)
    return fail(
      ["stagedUploadPath"],
      "The JSONL file could not be found. Try uploading the file again, and check that you've entered the URL correctly for the stagedUploadPath mutation argument.",
      "NO_SUCH_FILE",
    );
  if (bytes.length > MAX_VARIABLES_BYTES)
    return fail(
      ["stagedUploadPath"],
      "The JSONL file is larger than 100 MB.",
      "INVALID_STAGED_UPLOAD_FILE",
    );
  const variables = parseVariables(bytes.toString("utf8"));
  if (typeof variables === "number")
    return fail(
      ["stagedUploadPath"],
      `The JSONL file is invalid: line ${variables} is not a JSON object.`,
      "INVALID_STAGED_UPLOAD_FILE",
    );
  if (runningOperations(ctx.shop) >= MAX_RUNNING)
    return fail(
      [],
      `A shop can run at most ${MAX_RUNNING} bulk operations at a time.`,
      "LIMIT_REACHED",
    );
  const operation: BulkOperationRecord = {
    id: gid("BulkOperation", ctx.emulator.ids.take()),
    type: "MUTATION",
    query: args.mutation as string,
    clientIdentifier: (args.clientIdentifier as string | undefined) ?? null,
    stagedUploadPath: path,
    status: "CREATED",
    errorCode: null,
    objectCount: 0,
    rootObjectCount: 0,
    fileSize: null,
    blobKey: null,
    createdAt: ctx.now,
    completedAt: null,
  };
  ctx.shop.bulkOperations.set(operation.id, operation);
  const { emulator, domain } = ctx;
  emulator.later(emulator.bulkOperationMs, () =>
    runBulkMutation(emulator, domain, operation, prepared, variables, field),
  );
  return { bulkOperation: operation, userErrors: [] };
}

export const bulkMutationResolvers: ResolverMap = {
  Mutation: {
    bulkOperationRunMutation: runMutation,
    bulkOperationCancel: (_root, args, ctx) => {
      const operation = ctx.shop.bulkOperations.get(args.id as string);
      if (!operation)
        return {
          bulkOperation: null,
          userErrors: [userError(["id"], "Bulk operation does not exist.")],
        };
      if (operation.status !== "CREATED" && operation.status !== "RUNNING")
        return {
          bulkOperation: operation,
          userErrors: [
            userError(
              ["id"],
              `A bulk operation cannot be canceled when it is ${operation.status.toLowerCase()}.`,
            ),
          ],
        };
      operation.status = "CANCELING";
      return { bulkOperation: operation, userErrors: [] };
    },
  },
  QueryRoot: {
    /** Deprecated in 2026-10 but still answered: the app's most recent bulk operation of the type. */
    currentBulkOperation: (_root, args, ctx) => {
      const type = (args.type as string | undefined) ?? "QUERY";
      return (
        [...ctx.shop.bulkOperations.values()]
          .filter((op) => (op.type ?? "QUERY") === type)
          .sort((a, b) => parseGid(b.id)!.id - parseGid(a.id)!.id)[0] ?? null
      );
    },
  },
  BulkOperation: {
    type: (op: BulkOperationRecord) => op.type ?? "QUERY",
    url: (op: BulkOperationRecord) =>
      op.blobKey && !op.partial ? resultsUrl(op) : null,
    partialDataUrl: (op: BulkOperationRecord) =>
      op.blobKey && op.partial ? resultsUrl(op) : null,
  },
};
