// The PIM's settings routes with signed session tokens: attributes and spreadsheets (import check, export), each
// for the shop only, invalid input answered 400 with field errors.
import { describe, expect, it } from "vitest";
import {
  action as attributesAction,
  loader as attributesLoader,
} from "~/routes/app.attributes";
import { loader as exportLoader } from "~/routes/app.products.export";
import { action as spreadsheetAction } from "~/routes/app.products.spreadsheet";

import {
  args,
  post,
  SHOP_A,
  SHOP_B,
  statusOf,
  usePimShops,
} from "../support/pim-routes";

usePimShops();

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
