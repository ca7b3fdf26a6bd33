// The DAM's routes as the embedded admin calls them: the library and its search, streaming upload with duplicate
// detection, the asset page's actions, signed downloads, queue-all of lost rendition jobs, and shop isolation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { enqueueMissingRenditions } from "~/dam/renditions.server";
import { getQueue } from "~/jobs/queues.server";
import {
  action as assetAction,
  loader as assetLoader,
} from "~/routes/app.assets.$id";
import {
  action as libraryAction,
  loader as libraryLoader,
} from "~/routes/app.assets._index";
import { action as uploadAction } from "~/routes/app.assets.upload";
import { loader as fileLoader } from "~/routes/dam.file";
import { processors } from "~/worker/processors";
import { startWorkers } from "~/worker/run.server";
import { photo, removeDir } from "../support/dam";
import {
  seedDamRouteShops,
  shopA,
  shopB,
  uploadRequest,
} from "../support/dam-routes";
import { findJob } from "../support/jobs";
import { args, form, settle } from "../support/routes";
import { embeddedFetchRequest } from "../support/shopify";

let dir: string;
let assetId: string;
let versionId: string;

beforeAll(
  async () => ({ dir, assetId, versionId } = await seedDamRouteShops()),
);
afterAll(() => removeDir(dir));

describe("DAM routes", () => {
  it("lists the shop's own assets with signed thumbnail URLs once rendered, and nothing of another shop", async () => {
    const a = (await libraryLoader(
      args(await embeddedFetchRequest("/app/assets", shopA)),
    )) as { items: { id: string }[] };
    const b = (await libraryLoader(
      args(await embeddedFetchRequest("/app/assets", shopB)),
    )) as { items: unknown[] };
    expect(a.items.map((i) => i.id)).toEqual([assetId]);
    expect(b.items).toEqual([]);
  });

  it("answers 400 to a malformed search", async () => {
    const response = await settle(
      libraryLoader(
        args(await embeddedFetchRequest("/app/assets?status=NOPE", shopA)),
      ),
    );
    expect(response.status).toBe(400);
  });

  it("uploads through the streaming multipart route, and reports a duplicate", async () => {
    const file = await photo({ seed: 2 });
    const created = await uploadAction(
      args(await uploadRequest(shopA, file, "hat.jpg")),
    );
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      status: "created",
      assetId: expect.any(String),
    });

    const again = await uploadAction(
      args(await uploadRequest(shopA, file, "hat-again.jpg")),
    );
    expect(await again.json()).toMatchObject({
      status: "duplicate",
      title: "hat",
    });

    const refused = await uploadAction(
      args(await uploadRequest(shopA, Buffer.from("hello"), "x.jpg")),
    );
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not recognised/),
    });
  });

  it("answers 404 to shop B for every read and write of shop A's asset", async () => {
    const asB = (path: string, init?: RequestInit) =>
      embeddedFetchRequest(path, shopB, init);

    expect(
      (
        await settle(
          assetLoader(
            args(await asB(`/app/assets/${assetId}`), { id: assetId }),
          ),
        )
      ).status,
    ).toBe(404);
    const pageActions: Record<string, string>[] = [
      { intent: "approve", versionId },
      { intent: "restore", versionId },
      { intent: "archive" },
      { intent: "add-tag", tag: "mine" },
      { intent: "details", title: "Stolen" },
      { intent: "alt-text", locale: "en", text: "x" },
    ];
    for (const fields of pageActions) {
      const response = await assetAction(
        args(await asB(`/app/assets/${assetId}`, form(fields)), {
          id: assetId,
        }),
      );
      expect({ intent: fields.intent, status: response.status }).toEqual({
        intent: fields.intent,
        status: 404,
      });
    }
    for (const fields of [
      { intent: "approve", ids: assetId },
      { intent: "archive", ids: assetId },
      { intent: "tag", ids: assetId, tag: "mine" },
      { intent: "collect", ids: assetId, collection: "B" },
    ]) {
      const response = await libraryAction(
        args(await asB("/app/assets?index", form(fields))),
      );
      expect({ intent: fields.intent, status: response.status }).toEqual({
        intent: fields.intent,
        status: 404,
      });
    }
    const version = await uploadAction(
      args(
        await uploadRequest(
          shopB,
          await photo({ seed: 3 }),
          "v.jpg",
          `?assetId=${assetId}`,
        ),
      ),
    );
    expect(version.status).toBe(404);
    await expect(
      processors["dam.renditions"](
        { shop: shopB, assetId, versionId },
        { jobId: "t", attemptsMade: 0, log: console as never },
      ),
    ).rejects.toThrow(expect.objectContaining({ name: "NotFound" }));

    expect(
      await db.asset.findUniqueOrThrow({ where: { id: assetId } }),
    ).toMatchObject({ status: "DRAFT", title: "a secret" });
    expect(await db.outbox.count({ where: { aggregateId: assetId } })).toBe(0);
  });

  it("serves a download only by a URL signed for the owning shop", async () => {
    const page = (await assetLoader(
      args(await embeddedFetchRequest(`/app/assets/${assetId}`, shopA), {
        id: assetId,
      }),
    )) as {
      asset: { versions: { downloadUrl: string }[] };
    };
    const url = new URL(
      page.asset.versions[0]!.downloadUrl,
      "https://app.test",
    );

    const ok = await settle(fileLoader(args(new Request(url))));
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(
      await photo({ seed: 1 }),
    );
    expect(ok.headers.get("content-disposition")).toContain("a-secret.jpg");

    const asB = new URL(url);
    asB.searchParams.set("shop", shopB);
    expect((await settle(fileLoader(args(new Request(asB))))).status).toBe(404);
    const tampered = new URL(url);
    tampered.searchParams.set(
      "key",
      url.searchParams.get("key")!.replace(/.$/, "0"),
    );
    expect((await settle(fileLoader(args(new Request(tampered))))).status).toBe(
      404,
    );
  });

  it("approves through the asset page and shows the approval", async () => {
    const response = await assetAction(
      args(
        await embeddedFetchRequest(
          `/app/assets/${assetId}`,
          shopA,
          form({ intent: "approve", versionId }),
        ),
        { id: assetId },
      ),
    );
    expect(response.status).toBe(200);
    expect(
      await db.outbox.count({
        where: { aggregateId: assetId, topic: "asset.version-approved" },
      }),
    ).toBe(1);
  });

  it("re-enqueues renditions for versions whose job was lost (queue-all)", async () => {
    const payload = { shop: shopA, assetId, versionId };
    await (await findJob("dam.renditions", payload))?.remove();
    expect(await findJob("dam.renditions", payload)).toBeUndefined();

    expect(await enqueueMissingRenditions(1)).toBeGreaterThanOrEqual(1);

    expect(await findJob("dam.renditions", payload)).toMatchObject({
      name: "dam.renditions",
      data: { shop: shopA, assetId, versionId },
    });
  });

  it("renders thumbnails in the worker, after which the library hands out their URLs", async () => {
    const workers = startWorkers({ queues: ["renditions"] });
    try {
      await expect
        .poll(
          async () =>
            (
              await db.assetVersion.findUniqueOrThrow({
                where: { id: versionId },
              })
            ).renditionsReadyAt,
          {
            timeout: 20_000,
          },
        )
        .toBeInstanceOf(Date);
    } finally {
      await workers.close();
    }
    expect(await getQueue("renditions").getJobCounts("failed")).toEqual({
      failed: 0,
    });
    const library = (await libraryLoader(
      args(await embeddedFetchRequest("/app/assets?sort=oldest", shopA)),
    )) as {
      items: { id: string; thumbnailUrl: string | null }[];
    };
    const thumb = library.items.find((i) => i.id === assetId)!.thumbnailUrl!;
    const response = await settle(
      fileLoader(args(new Request(new URL(thumb, "https://app.test")))),
    );
    expect(response.headers.get("content-type")).toBe("image/webp");
  });
});
