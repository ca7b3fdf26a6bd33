// Helpers for tests that talk to the emulator directly (the emulator's own tests, and app tests that need
// a seeded shop).
import { API_KEY, API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import { ShopifyEmulator, type EmulatorOptions } from "./emulator";
import { ADMIN_API_VERSION } from "./schema";

/** An emulator with fast media processing and bulk operations, signed with the test helpers' app secret. */
export function testEmulator(
  options: Partial<EmulatorOptions> = {},
): ShopifyEmulator {
  return new ShopifyEmulator({
    apiKey: API_KEY,
    apiSecret: API_SECRET_KEY,
    mediaProcessingMs: 20,
    bulkOperationMs: 20,
    webhooks: { subscriptions: [] },
    ...options,
  });
}

export interface AdminAnswer<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: {
    cost: {
      requestedQueryCost: number;
      actualQueryCost: number | null;
      throttleStatus: {
        maximumAvailable: number;
        currentlyAvailable: number;
        restoreRate: number;
      };
    };
  };
}

/** A raw Admin API client for one shop and token, as a plain HTTP caller would use it. */
export function adminApi(
  emulator: ShopifyEmulator,
  shop: string,
  token = emulator.issueAccessToken(shop),
) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return async <T = any>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<AdminAnswer<T>> => {
    const response = await emulator.handle(
      new Request(
        `https://${shop}/admin/api/${ADMIN_API_VERSION}/graphql.json`,
        {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            "X-Shopify-Access-Token": token,
          },
          body: JSON.stringify({ query, variables }),
        },
      ),
    );
    const text = await response.text();
    if (!response.headers.get("content-type")?.includes("json"))
      return { status: response.status };
    return {
      status: response.status,
      ...(JSON.parse(text) as Omit<AdminAnswer<T>, "status">),
    };
  };
}

/** Uploads bytes to a staged target the way the app does (multipart POST, parameters first, file last). */
export async function stagedUpload(
  emulator: ShopifyEmulator,
  api: ReturnType<typeof adminApi>,
  file: {
    filename: string;
    mimeType: string;
    bytes: Buffer;
    resource?: string;
    httpMethod?: "POST" | "PUT";
    /** Sent as `fileSize` (required by Shopify for VIDEO and MODEL_3D); default: the bytes' length for those. */
    fileSize?: number;
  },
): Promise<string> {
  const fileSize =
    file.fileSize ??
    (file.resource === "VIDEO" || file.resource === "MODEL_3D"
      ? file.bytes.length
      : undefined);
  const { data } = await api<{
    stagedUploadsCreate: {
      stagedTargets: {
        url: string;
        resourceUrl: string;
        parameters: { name: string; value: string }[];
      }[];
    };
  }>(
    `mutation Stage($input: [StagedUploadInput!]!) { stagedUploadsCreate(input: $input) { stagedTargets { url resourceUrl parameters { name value } } userErrors { field message } } }`,
    {
      input: [
        {
          filename: file.filename,
          mimeType: file.mimeType,
          resource: file.resource ?? "IMAGE",
          httpMethod: file.httpMethod ?? "POST",
          ...(fileSize === undefined ? {} : { fileSize: String(fileSize) }),
        },
      ],
    },
  );
  const target = data!.stagedUploadsCreate.stagedTargets[0]!;
  let response: Response;
  if ((file.httpMethod ?? "POST") === "POST") {
    const form = new FormData();
    for (const { name, value } of target.parameters) form.append(name, value);
    form.append(
      "file",
      new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }),
      file.filename,
    );
    response = await emulator.handle(
      new Request(target.url, { method: "POST", body: form }),
    );
  } else {
    response = await emulator.handle(
      new Request(target.url, {
        method: "PUT",
        body: new Uint8Array(file.bytes),
        headers: { "Content-Type": file.mimeType },
      }),
    );
  }
  if (!response.ok)
    throw new Error(
      `staged upload failed: ${response.status} ${await response.text()}`,
    );
  return target.resourceUrl;
}
