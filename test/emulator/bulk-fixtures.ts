// The bulk mutation tests' shop: the emulator (bulk operations finishing in 30 ms, bulk_operations/finish webhooks
// recorded), the documents they send, and helpers to stage a JSONL variables file, run a bulk mutation, wait for it
// and read its per-line results.
import { adminApi, stagedUpload, testEmulator } from "../../emulator/testing";
import { DEMO_SHOP } from "../../emulator/seed/seed";

export const RUN = `mutation Run($mutation: String!, $path: String!) { bulkOperationRunMutation(mutation: $mutation, stagedUploadPath: $path, clientIdentifier: "launch-aw26") { bulkOperation { id status type } userErrors { field message code } } }`;
export const STATUS = `mutation call($product: ProductUpdateInput!) { productUpdate(product: $product) { product { id status } userErrors { field message } } }`;
export const PUBLISH = `mutation call($id: ID!, $input: [PublicationInput!]!) { publishablePublish(id: $id, input: $input) { userErrors { field message } } }`;
const OP = `query Op($id: ID!) { bulkOperation(id: $id) { id status type errorCode objectCount rootObjectCount url partialDataUrl completedAt } }`;

export function bulkShop() {
  const deliveries: { topic: string; body: Record<string, unknown> }[] = [];
  const emulator = testEmulator({
    bulkOperationMs: 30,
    webhooks: {
      appUrl: "https://app.example",
      subscriptions: [
        { topic: "bulk_operations/finish", uri: "/webhooks/bulk" },
      ],
      deliver: async (request) => {
        deliveries.push({
          topic: request.headers.get("x-shopify-topic")!,
          body: (await request.json()) as Record<string, unknown>,
        });
        return new Response(null);
      },
    },
  });
  const api = () => adminApi(emulator, DEMO_SHOP);

  async function stageLines(lines: unknown[], filename = "vars.jsonl") {
    const bytes = Buffer.from(
      lines.map((l) => JSON.stringify(l)).join("\n") + "\n",
    );
    const resourceUrl = await stagedUpload(emulator, api(), {
      filename,
      mimeType: "text/jsonl",
      bytes,
      resource: "BULK_MUTATION_VARIABLES",
    });
    return new URL(resourceUrl).pathname.slice(1);
  }

  async function runBulk(mutation: string, lines: unknown[]) {
    const { data } = await api()(RUN, {
      mutation,
      path: await stageLines(lines),
    });
    return data.bulkOperationRunMutation as {
      bulkOperation: { id: string; status: string; type: string } | null;
      userErrors: { field: string[]; message: string; code: string }[];
    };
  }

  async function finished(id: string) {
    await emulator.idle();
    return (await api()(OP, { id })).data.bulkOperation as Record<
      string,
      string | null
    >;
  }

  async function results(url: string) {
    const text = await (await emulator.handle(new Request(url))).text();
    return text
      .trim()
      .split("\n")
      .filter(Boolean)
      .map(
        (line) =>
          JSON.parse(line) as {
            __lineNumber: number;
            data?: Record<string, { userErrors: unknown[] }>;
            errors?: unknown[];
          },
      );
  }

  return { emulator, api, deliveries, stageLines, runBulk, finished, results };
}
