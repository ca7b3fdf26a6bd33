// The launch screens' routes with signed session tokens: creating a launch from the form opens its page, bad input
// comes back as 400 with the field's error and what was typed, each shop sees and changes only its own launches,
// the readiness downloads as CSV, rollback is one confirmed action that is refused before go-live, and a go-live that
// is due but not yet started by its job tells the page to keep looking.
import { beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import {
  endPreviewProducts,
  previewLaunchProducts,
} from "~/launch/preview.server";
import { loader as listLoader } from "~/routes/app.launches._index";
import { action as newAction } from "~/routes/app.launches.new";
import {
  action as launchAction,
  loader as launchLoader,
} from "~/routes/app.launches.$id";
import { loader as readinessLoader } from "~/routes/app.launches.$id.readiness";
import { upsertInstalledShop } from "~/shop/shop.db.server";
import { testEmulator } from "../../emulator/testing";
import { connectAppTo } from "../support/app-emulator";
import { buildProduct } from "../support/factories/product";
import {
  embeddedFetchRequest,
  storeOfflineSessionWithToken,
} from "../support/shopify";

const SHOP_A = "atelier-a.myshopify.com";
const SHOP_B = "atelier-b.myshopify.com";
const emulator = testEmulator();
const coats: string[] = [];

beforeAll(async () => {
  connectAppTo(emulator);
  for (const shop of [SHOP_A, SHOP_B]) {
    emulator.addShop(shop);
    await storeOfflineSessionWithToken(shop, emulator.issueAccessToken(shop));
    await upsertInstalledShop(shop);
  }
  for (const n of [1, 2]) coats.push((await buildProduct(SHOP_A, n)).shopifyId);
  await buildProduct(SHOP_B, 3);
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

const post = (fields: Record<string, string>) => ({
  method: "POST",
  body: new URLSearchParams(fields),
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
});

async function answer(promise: Promise<unknown>): Promise<Response> {
  try {
    const result = await promise;
    if (result instanceof Response) return result;
    return Response.json(result);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** Creates a launch of the two coats through the form; its id from the redirect to its page. */
async function createThroughForm(name: string): Promise<string> {
  const response = await answer(
    newAction(
      await args(
        SHOP_A,
        "/app/launches/new",
        post({
          name,
          selectionKind: "products",
          productIds: coats.join(","),
          goLiveAt: "",
        }),
      ),
    ),
  );
  expect(response.status).toBe(302);
  const location = response.headers.get("Location") ?? "";
  const id = /\/app\/launches\/([^/?]+)/.exec(location)?.[1];
  if (!id) throw new Error(`no launch page in ${location}`);
  return id;
}

const launchPage = async (shop: string, id: string, query = "") =>
  answer(
    launchLoader(await args(shop, `/app/launches/${id}${query}`, {}, { id })),
  );

const launchPost = async (
  shop: string,
  id: string,
  fields: Record<string, string>,
) =>
  answer(
    launchAction(await args(shop, `/app/launches/${id}`, post(fields), { id })),
  );

describe("creating a launch", () => {
  it("opens the new launch's page with its products on the board and in the list", async () => {
    const id = await createThroughForm("Autumn drop");
    const page = (await (await launchPage(SHOP_A, id)).json()) as {
      launch: { name: string; status: string; productCount: number };
      rows: { title: string; channels: unknown[] }[];
    };
    expect(page.launch).toMatchObject({
      name: "Autumn drop",
      status: "DRAFT",
      productCount: 2,
    });
    expect(page.rows.map((r) => r.title).sort()).toEqual(["Coat 1", "Coat 2"]);
    expect(page.rows[0]!.channels.length).toBeGreaterThan(0);
    const list = (await (
      await answer(listLoader(await args(SHOP_A, "/app/launches")))
    ).json()) as { rows: { id: string; name: string }[] };
    // Coats without images are not ready: the list says "0 of 2 ready" before go-live.
    expect(list.rows).toContainEqual(
      expect.objectContaining({
        id,
        name: "Autumn drop",
        readyCount: 0,
        productCount: 2,
      }),
    );
  });

  it("answers 400 with the field's error and what was typed when the name is empty", async () => {
    const response = await answer(
      newAction(
        await args(
          SHOP_A,
          "/app/launches/new",
          post({ name: "", selectionKind: "tag", tag: "AW26" }),
        ),
      ),
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      fieldErrors: Record<string, string[]>;
      input: Record<string, string>;
    };
    expect(body.fieldErrors.name?.[0]).toBe("Enter a value.");
    expect(body.input).toMatchObject({ selectionKind: "tag", tag: "AW26" });
  });
});

describe("another shop", () => {
  it("neither sees nor acts on the launch, and its list stays empty", async () => {
    const id = await createThroughForm("Private drop");
    expect((await launchPage(SHOP_B, id)).status).toBe(404);
    expect((await launchPost(SHOP_B, id, { intent: "stage" })).status).toBe(
      404,
    );
    expect(
      (
        await answer(
          readinessLoader(
            await args(SHOP_B, `/app/launches/${id}/readiness`, {}, { id }),
          ),
        )
      ).status,
    ).toBe(404);
    const list = (await (
      await answer(listLoader(await args(SHOP_B, "/app/launches")))
    ).json()) as { rows: unknown[] };
    expect(list.rows).toEqual([]);
  });
});

describe("the launch page's actions", () => {
  it("downloads the readiness as CSV, a row per product × channel", async () => {
    const id = await createThroughForm("Export drop");
    const response = await answer(
      readinessLoader(
        await args(SHOP_A, `/app/launches/${id}/readiness`, {}, { id }),
      ),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("text/csv");
    expect(response.headers.get("Content-Disposition")).toContain(
      'filename="launch-readiness.csv"',
    );
    const csv = await response.text();
    expect(csv).toContain("Coat 1");
    expect(csv).toContain("Coat 2");
  });

  it("refuses a rollback that is not confirmed, and one before go-live", async () => {
    const id = await createThroughForm("Rollback drop");
    const unconfirmed = await launchPost(SHOP_A, id, { intent: "rollback" });
    expect(unconfirmed.status).toBe(400);
    const early = await launchPost(SHOP_A, id, {
      intent: "rollback",
      confirm: "rollback",
    });
    expect(early.status).toBe(409);
    // Retry of failed products: nothing went live, nothing to retry.
    const retry = await launchPost(SHOP_A, id, { intent: "retry-failed" });
    expect(retry.status).toBe(409);
  });

  it("keeps a previewed launch until its preview ends, and ends it on request", async () => {
    const id = await createThroughForm("Previewed drop");
    // As the preview job leaves it: every product Unlisted with its link.
    await db.launchProduct.updateMany({
      where: { shop: SHOP_A, launchId: id },
      data: { previewUrl: "https://a.example/products/coat" },
    });
    const page = async () =>
      (await (await launchPage(SHOP_A, id)).json()) as {
        launch: { previewCount: number; previewWork: string | null };
      };
    expect((await page()).launch).toMatchObject({
      previewCount: 2,
      previewWork: null,
    });
    const refused = await launchPost(SHOP_A, id, { intent: "delete" });
    expect(refused.status).toBe(409);
    expect(JSON.stringify(await refused.json())).toContain(
      "End the preview first",
    );
    const end = await launchPost(SHOP_A, id, { intent: "end-preview" });
    expect(end.status).toBe(200);
    expect(await end.json()).toMatchObject({ intent: "end-preview" });
    // No worker runs here: the page follows the waiting job (it keeps looking until the job is done).
    expect((await page()).launch).toMatchObject({
      previewCount: 2,
      previewWork: "end-preview",
    });
  });

  it("lets the merchant's last word win between Preview and End preview, whichever job runs first", async () => {
    const id = await createThroughForm("Hasty preview");
    const page = async () =>
      (await (await launchPage(SHOP_A, id)).json()) as {
        launch: { previewWork: string | null };
      };
    // Preview, then End preview at once: both jobs wait (no worker runs here), the page names the last word.
    expect((await launchPost(SHOP_A, id, { intent: "preview" })).status).toBe(
      200,
    );
    expect((await page()).launch.previewWork).toBe("preview");
    expect(
      (await launchPost(SHOP_A, id, { intent: "end-preview" })).status,
    ).toBe(200);
    expect((await page()).launch.previewWork).toBe("end-preview");
    // The preview's job, run now (after the end was asked for), stands down instead of making products Unlisted.
    expect(await previewLaunchProducts(SHOP_A, id)).toEqual({
      skipped: "preview ended",
    });
    // Preview again: an end's job still waiting stands down in turn.
    await launchPost(SHOP_A, id, { intent: "preview" });
    expect(await endPreviewProducts(SHOP_A, id)).toEqual({
      skipped: "previewed again",
    });
  });

  it("refuses a go-live time in the past with the reason", async () => {
    const id = await createThroughForm("Past drop");
    const response = await launchPost(SHOP_A, id, {
      intent: "schedule",
      goLiveAt: "2020-01-01T09:00:00.000Z",
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { ok: boolean }).ok).toBe(false);
  });

  it("stages on request: the page shows it staging or staged", async () => {
    const id = await createThroughForm("Staged drop");
    const staged = await launchPost(SHOP_A, id, { intent: "stage" });
    expect(staged.status).toBe(200);
    const page = (await (await launchPage(SHOP_A, id)).json()) as {
      launch: { status: string };
    };
    expect(["STAGING", "STAGED"]).toContain(page.launch.status);
  });

  it("says a go-live is due once Go live now is asked, until its job moves the launch (the page keeps looking)", async () => {
    const id = await createThroughForm("Due drop");
    const page = async () =>
      (await (await launchPage(SHOP_A, id)).json()) as {
        launch: { status: string };
        goLiveDue: boolean;
      };
    expect((await page()).goLiveDue).toBe(false);
    const now = await launchPost(SHOP_A, id, { intent: "go-live-now" });
    expect(now.status).toBe(200);
    // No worker runs here: the go-live job waits in the queue, as it may on a busy worker.
    expect(await page()).toMatchObject({
      launch: { status: "DRAFT" },
      goLiveDue: true,
    });
    // Staged for a go-live tomorrow: nothing is due yet.
    await db.launch.update({
      where: { id },
      data: { status: "STAGED", goLiveAt: new Date(Date.now() + 86_400_000) },
    });
    expect(await page()).toMatchObject({
      launch: { status: "STAGED" },
      goLiveDue: false,
    });
  });

  it("narrows the board to blocked products", async () => {
    const id = await createThroughForm("Blocked drop");
    const page = (await (
      await launchPage(SHOP_A, id, "?filter=blocked")
    ).json()) as {
      onlyBlocked: boolean;
      rows: { channels: { ready: boolean; state: string }[] }[];
    };
    expect(page.onlyBlocked).toBe(true);
    // Coats without any image lack a front view everywhere: every row is blocked somewhere.
    expect(page.rows.length).toBe(2);
    for (const row of page.rows)
      expect(row.channels.some((c) => c.state !== "EXCLUDED" && !c.ready)).toBe(
        true,
      );
  });
});
