// Several app processes against one store emulator, for the many-process test (test/processes/) and
// `npm run bench:scale`: the emulator served over HTTP with every Admin API call it answers recorded (what a
// process sent, never what the app believes it sent), and a catalogue of assets linked to variants.
import { createHash } from "node:crypto";
import { parse, type OperationDefinitionNode } from "graphql";
import type { ShopifyEmulator } from "../../emulator/emulator";
import { startEmulatorServer } from "../../emulator/server";

export interface AdminCall {
  at: number;
  /** Root fields of a mutation (`fileUpdate`, …); empty for a query. */
  mutations: string[];
  variables: Record<string, unknown>;
  throttled: boolean;
  /** Points the emulator charged (0 when throttled). */
  points: number;
}

/** The emulator on 127.0.0.1 (SHOPIFY_API_ORIGIN for the app's processes), recording Admin API calls. */
export async function serveRecordedEmulator(emulator: ShopifyEmulator) {
  const calls: AdminCall[] = [];
  const handle = emulator.handle.bind(emulator);
  emulator.handle = async (request: Request) => {
    if (!new URL(request.url).pathname.endsWith("/graphql.json"))
      return handle(request);
    const body = (await request.clone().json()) as {
      query?: string;
      variables?: Record<string, unknown>;
    };
    const response = await handle(request);
    const answer = (await response.clone().json()) as {
      errors?: { extensions?: { code?: string } }[];
      extensions?: { cost?: { actualQueryCost?: number | null } };
    };
    calls.push({
      at: performance.now(),
      mutations: mutationFields(body.query ?? ""),
      variables: body.variables ?? {},
      throttled: !!answer.errors?.some(
        (e) => e.extensions?.code === "THROTTLED",
      ),
      points: answer.extensions?.cost?.actualQueryCost ?? 0,
    });
    return response;
  };
  const server = await startEmulatorServer(emulator);
  return { url: server.url, calls, close: () => server.close() };
}

function mutationFields(query: string): string[] {
  try {
    return parse(query)
      .definitions.filter(
        (d): d is OperationDefinitionNode =>
          d.kind === "OperationDefinition" && d.operation === "mutation",
      )
      .flatMap((d) =>
        d.selectionSet.selections.flatMap((s) =>
          s.kind === "Field" ? [s.name.value] : [],
        ),
      );
  } catch {
    return [];
  }
}

/** Shopify file ids each `fileUpdate` call since `from` replaced the content of (one entry per file per call). */
export function fileUpdates(calls: readonly AdminCall[], from = 0): string[] {
  return calls
    .filter(
      (c) => c.at >= from && !c.throttled && c.mutations.includes("fileUpdate"),
    )
    .flatMap((c) =>
      ((c.variables.files ?? []) as { id: string; originalSource?: string }[])
        .filter((f) => f.originalSource)
        .map((f) => f.id),
    );
}

export function sha256(bytes: Buffer | Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The share of calls answered THROTTLED and the points charged, between two marks (performance.now()). */
export function traffic(calls: readonly AdminCall[], from = 0, to = Infinity) {
  const window = calls.filter((c) => c.at >= from && c.at <= to);
  const throttled = window.filter((c) => c.throttled).length;
  return {
    responses: window.length,
    throttled,
    points: window.reduce((n, c) => n + c.points, 0),
  };
}

/**
 * Approved assets, each linked as the FRONT image of `variantsPerAsset` consecutive variants of the shop's mirrored
 * catalogue (one link per product they span). Returns the asset ids in order.
 */
export async function linkAssetsToVariants(
  shop: string,
  options: {
    assets: number;
    variantsPerAsset: number;
    image: (n: number) => Promise<Buffer>;
  },
): Promise<string[]> {
  const { default: db } = await import("~/db.server");
  const { linkAssets } = await import("~/sync/links.db.server");
  const { createAsset } = await import("./factories/asset");
  const variants = await db.variant.findMany({
    // Variants shoppers can see: an active product's.
    where: { shop, product: { status: "ACTIVE" } },
    orderBy: [{ productId: "asc" }, { position: "asc" }],
    select: { id: true, productId: true },
  });
  const needed = options.assets * options.variantsPerAsset;
  if (variants.length < needed)
    throw new Error(
      `the catalogue has ${variants.length} variants, ${needed} needed`,
    );
  const assetIds: string[] = [];
  for (let i = 0; i < options.assets; i++) {
    const { assetId } = await createAsset(
      shop,
      `scale-${i}.jpg`,
      await options.image(i),
    );
    const chunk = variants.slice(
      i * options.variantsPerAsset,
      (i + 1) * options.variantsPerAsset,
    );
    const byProduct = new Map<string, string[]>();
    for (const v of chunk)
      byProduct.set(v.productId, [...(byProduct.get(v.productId) ?? []), v.id]);
    for (const [productId, variantIds] of byProduct)
      await linkAssets(shop, {
        assetIds: [assetId],
        productId,
        variantIds,
        role: "FRONT",
      });
    assetIds.push(assetId);
  }
  return assetIds;
}
