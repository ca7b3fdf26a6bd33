// The PIM's routes with signed session tokens: each shop sees and changes only its own products, and invalid
// values come back as 400 with per-field errors and what was typed.
import { channelKinds } from "~/channels/kinds";
import { describe, expect, it } from "vitest";
import db from "~/db.server";
import {
  action as editorAction,
  loader as editorLoader,
} from "~/routes/app.products.$id";
import {
  action as indexAction,
  loader as indexLoader,
} from "~/routes/app.products._index";

import {
  args,
  post,
  SHOP_A,
  statusOf,
  usePimShops,
} from "../support/pim-routes";

const shops = usePimShops();

describe("products routes", () => {
  it("lists only the shop's own products", async () => {
    const data = await indexLoader(await args(SHOP_A, "/app/products"));
    expect(data.rows.map((r) => r.id)).toEqual([shops.productA]);
    const search = await indexLoader(
      await args(SHOP_A, "/app/products?q=coat%202"),
    );
    expect(search.rows).toEqual([]);
  });

  it("answers 404 for another shop's product in the editor, for reads and writes", async () => {
    expect(
      await statusOf(
        editorLoader(
          await args(
            SHOP_A,
            `/app/products/${shops.productB}`,
            {},
            { id: shops.productB },
          ),
        ),
      ),
    ).toBe(404);
    expect(
      await statusOf(
        editorAction(
          await args(
            SHOP_A,
            `/app/products/${shops.productB}`,
            post({
              intent: "save",
              locale: "en",
              channel: "*",
              "v.product.fit": "Slim",
            }),
            { id: shops.productB },
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
            post({ intent: "approve", ids: [shops.productB] }),
          ),
        ),
      ),
    ).toBe(404);
    expect(
      await db.attributeValue.count({ where: { productId: shops.productB } }),
    ).toBe(0);
  });

  it("answers 400 with per-field errors and the typed input for invalid values", async () => {
    const response = (await editorAction(
      await args(
        SHOP_A,
        `/app/products/${shops.productA}`,
        post({
          intent: "save",
          locale: "en",
          channel: "*",
          "v.product.fit": "Baggy",
          "v.product.material_composition": "Wool",
        }),
        { id: shops.productA },
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
        `/app/products/${shops.productA}`,
        post({
          intent: "save",
          locale: "en",
          channel: "*",
          "v.product.fit": "Slim",
        }),
        { id: shops.productA },
      ),
    )) as Response;
    expect(saved.status).toBe(200);
    const view = await editorLoader(
      await args(
        SHOP_A,
        `/app/products/${shops.productA}`,
        {},
        { id: shops.productA },
      ),
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
        await args(
          SHOP_A,
          `/app/products/${shops.productA}`,
          {},
          { id: shops.productA },
        ),
      );
    const family = async (familyId: string) =>
      editorAction(
        await args(
          SHOP_A,
          `/app/products/${shops.productA}`,
          post({ intent: "family", familyId }),
          { id: shops.productA },
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
