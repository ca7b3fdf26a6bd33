// The PIM's routes with signed session tokens: each shop sees and changes only its own products, and invalid
// values come back as 400 with per-field errors and what was typed.
import { channelKinds } from "~/channels/kinds";
import { beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { seedApparelAttributes } from "~/pim/apparel-seed.server";
import {
  action as editorAction,
  loader as editorLoader,
} from "~/routes/app.products.$id";
import {
  action as indexAction,
  loader as indexLoader,
} from "~/routes/app.products._index";
import {
  action as attributesAction,
  loader as attributesLoader,
} from "~/routes/app.attributes";
import { loader as exportLoader } from "~/routes/app.products.export";
import { action as spreadsheetAction } from "~/routes/app.products.spreadsheet";
import { upsertInstalledShop } from "~/shop/shop.db.server";
import { connectAppTo } from "../support/app-emulator";
import { buildProduct } from "../support/factories/product";
import { testEmulator } from "../../emulator/testing";
import {
  embeddedFetchRequest,
  storeOfflineSessionWithToken,
} from "../support/shopify";

const SHOP_A = "atelier-a.myshopify.com";
const SHOP_B = "atelier-b.myshopify.com";
const emulator = testEmulator();
let productA: string;
let productB: string;

beforeAll(async () => {
  connectAppTo(emulator);
  for (const shop of [SHOP_A, SHOP_B]) {
    emulator.addShop(shop);
    await storeOfflineSessionWithToken(shop, emulator.issueAccessToken(shop));
    await upsertInstalledShop(shop);
  }
  productA = (await buildProduct(SHOP_A, 1, { variants: [] })).id;
  productB = (await buildProduct(SHOP_B, 2, { variants: [] })).id;
  await seedApparelAttributes(SHOP_A);
  await seedApparelAttributes(SHOP_B);
});

const args = async (
  shop: string,
  path: string,
  init: RequestInit = {},
  params: Record<string, string> = {},
) => ({
  request: await embeddedFetchRequest(path, shop, init),
  params,
  context: {},
});

const post = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields))
    for (const v of [value].flat()) body.append(key, v);
  return {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  };
};

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    const result = await promise;
    return result instanceof Response ? result.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("products routes", () => {
  it("lists only the shop's own products", async () => {
    const data = await indexLoader(await args(SHOP_A, "/app/products"));
    expect(data.rows.map((r) => r.id)).toEqual([productA]);
    const search = await indexLoader(
      await args(SHOP_A, "/app/products?q=coat%202"),
    );
    expect(search.rows).toEqual([]);
  });

  it("answers 404 for another shop's product in the editor, for reads and writes", async () => {
    expect(
      await statusOf(
        editorLoader(
          await args(SHOP_A, `/app/products/${productB}`, {}, { id: productB }),
        ),
      ),
    ).toBe(404);
    expect(
      await statusOf(
        editorAction(
          await args(
            SHOP_A,
            `/app/products/${productB}`,
            post({
              intent: "save",
              locale: "en",
              channel: "*",
              "v.product.fit": "Slim",
            }),
            { id: productB },
          ),
        ),
      ),
    ).toBe(404);
    expect(
      await statusOf(
        indexAction(
          await args(
            SHOP_A,
            "/app/products",
            post({ intent: "approve", ids: [productB] }),
          ),
        ),
      ),
    ).toBe(404);
    expect(
      await db.attributeValue.count({ where: { productId: productB } }),
    ).toBe(0);
  });

  it("answers 400 with per-field errors and the typed input for invalid values", async () => {
    const response = (await editorAction(
      await args(
        SHOP_A,
        `/app/products/${productA}`,
        post({
          intent: "save",
          locale: "en",
          channel: "*",
          "v.product.fit": "Baggy",
          "v.product.material_composition": "Wool",
        }),
        { id: productA },
      ),
    )) as Response;

    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      fieldErrors: Record<string, string[]>;
      input: Record<string, string>;
    };
    expect(Object.keys(body.fieldErrors)).toEqual(["product.fit"]);
    expect(body.input["v.product.fit"]).toBe("Baggy");
  });

  it("saves, shows and approves through the editor", async () => {
    const saved = (await editorAction(
      await args(
        SHOP_A,
        `/app/products/${productA}`,
        post({
          intent: "save",
          locale: "en",
          channel: "*",
          "v.product.fit": "Slim",
        }),
        { id: productA },
      ),
    )) as Response;
    expect(saved.status).toBe(200);
    const view = await editorLoader(
      await args(SHOP_A, `/app/products/${productA}`, {}, { id: productA }),
    );
    expect(view.values["product.fit"]).toBe("Slim");
    expect(view.history).toHaveLength(1);
    // The same actor format as the DAM's audit trail: the session token's staff member.
    expect(view.history[0]?.actor).toMatch(/^user:\d+$/);
    expect(view.completeness).toHaveLength(channelKinds.length);
  });

  it("changes the family from the editor and recomputes completeness at once", async () => {
    const editor = async () =>
      editorLoader(
        await args(SHOP_A, `/app/products/${productA}`, {}, { id: productA }),
      );
    const family = async (familyId: string) =>
      editorAction(
        await args(
          SHOP_A,
          `/app/products/${productA}`,
          post({ intent: "family", familyId }),
          { id: productA },
        ),
      );
    const before = await editor();
    expect(before.product.familyId).not.toBeNull();

    await family("");
    expect((await editor()).completeness).toEqual([]);

    await family(before.product.familyId!);
    expect((await editor()).completeness).toHaveLength(channelKinds.length);
  });
});

describe("attribute settings routes", () => {
  it("creates an attribute for the shop only, and answers 400 with field errors for a bad key", async () => {
    const bad = (await attributesAction(
      await args(
        SHOP_A,
        "/app/attributes",
        post({
          intent: "save-attribute",
          key: "Bad Key!",
          label: "Lining",
          type: "single_line_text",
        }),
      ),
    )) as Response;
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as {
      fieldErrors: Record<string, string[]>;
      input: Record<string, string>;
    };
    expect(Object.keys(body.fieldErrors)).toEqual(["key"]);
    expect(body.input.label).toBe("Lining");

    const ok = (await attributesAction(
      await args(
        SHOP_A,
        "/app/attributes",
        post({
          intent: "save-attribute",
          key: "lining",
          label: "Lining",
          type: "single_select",
          allowedValues: "Silk; Viscose",
        }),
      ),
    )) as Response;
    expect(ok.status).toBe(200);
    const a = await attributesLoader(await args(SHOP_A, "/app/attributes"));
    const b = await attributesLoader(await args(SHOP_B, "/app/attributes"));
    expect(a.attributes.find((x) => x.key === "lining")?.validation).toEqual({
      allowedValues: ["Silk", "Viscose"],
    });
    expect(b.attributes.some((x) => x.key === "lining")).toBe(false);
  });
});

describe("spreadsheet routes", () => {
  const upload = (fields: Record<string, string>, file?: File) => {
    const body = new FormData();
    for (const [key, value] of Object.entries(fields)) body.set(key, value);
    if (file) body.set("file", file);
    return { method: "POST", body };
  };

  it("answers 400 without a file, and a dry-run report by row and column with one", async () => {
    const missing = (await spreadsheetAction(
      await args(
        SHOP_A,
        "/app/products/spreadsheet",
        upload({ key: "handle", intent: "dry-run" }),
      ),
    )) as Response;
    expect(missing.status).toBe(400);
    expect(
      ((await missing.json()) as { fieldErrors: object }).fieldErrors,
    ).toHaveProperty("file");

    const csv = new File(
      ["handle,fit\ncoat-1,Baggy\ncoat-2,Slim\n"],
      "values.csv",
      { type: "text/csv" },
    );
    const response = (await spreadsheetAction(
      await args(
        SHOP_A,
        "/app/products/spreadsheet",
        upload({ key: "handle", intent: "dry-run" }, csv),
      ),
    )) as Response;
    const body = (await response.json()) as {
      report: { errors: { row: number; column: string }[] };
    };
    // coat-2 belongs to the other shop: unknown here.
    expect(body.report.errors.map((e) => [e.row, e.column])).toEqual([
      [2, "fit"],
      [3, "handle"],
    ]);
  });

  it("exports the shop's values as a CSV download from a resource route, and answers 400 for an unknown format", async () => {
    const response = await exportLoader(
      await args(SHOP_A, "/app/products/export?format=csv&key=handle"),
    );
    expect(response.headers.get("Content-Type")).toMatch(/^text\/csv/);
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="vitrine-attributes\.csv"$/,
    );
    const text = await response.text();
    expect(text.split("\r\n")[1]).toMatch(/^coat-1,Coat 1,/);
    expect(text).not.toContain("coat-2");
    expect(
      await statusOf(
        exportLoader(
          await args(SHOP_A, "/app/products/export?format=pdf&key=handle"),
        ),
      ),
    ).toBe(400);
  });
});
