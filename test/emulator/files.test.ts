import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import { stagedUpload } from "../../emulator/testing";
import { FILE_FIELDS, fileShop } from "./files-fixtures";

const { emulator, api, createImage, file, ready, seed } = fileShop();
const camel = COLOURS[0]!;
let jpeg: Buffer;

beforeAll(async () => {
  ({ jpeg } = await seed());
});

describe("staged uploads and files", () => {
  it("processes an upload UPLOADED → PROCESSING → READY, with the image's real dimensions", async () => {
    const created = await createImage(jpeg);
    expect(created.fileStatus).toBe("UPLOADED");
    let seen = created.fileStatus;
    while (seen === "UPLOADED") {
      await new Promise((resolve) => setTimeout(resolve, 10));
      seen = (await file(created.id)).fileStatus;
    }
    expect(seen).toBe("PROCESSING");
    const done = await ready(created.id);
    expect(done).toMatchObject({
      fileStatus: "READY",
      status: "READY",
      image: { width: 800, height: 1000 },
    });
    const cdn = await emulator.handle(new Request(done.image!.url));
    expect(cdn.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await cdn.arrayBuffer()).equals(jpeg)).toBe(true);
  });

  it("ends a corrupt upload FAILED with a media error", async () => {
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length / 2));
    const failed = await ready((await createImage(truncated, "broken.jpg")).id);
    expect(failed).toMatchObject({
      fileStatus: "FAILED",
      image: null,
      mediaErrors: [{ code: "IMAGE_PROCESSING_FAILURE" }],
    });
  });

  it("refuses an image over 20 megapixels at processing time", async () => {
    const huge = await sharp({
      create: { width: 4000, height: 6000, channels: 3, background: "#c19a6b" },
    })
      .jpeg({ quality: 40 })
      .toBuffer();
    const failed = await ready((await createImage(huge, "huge.jpg")).id);
    expect(failed).toMatchObject({
      fileStatus: "FAILED",
      mediaErrors: [{ code: "INVALID_IMAGE_RESOLUTION" }],
    });
  });

  it("accepts a PUT upload too and refuses an upload without the issued signature", async () => {
    const client = api();
    const source = await stagedUpload(emulator, client, {
      filename: "put.jpg",
      mimeType: "image/jpeg",
      bytes: jpeg,
      httpMethod: "PUT",
    });
    expect(source).toMatch(
      /^https:\/\/shopify-staged-uploads\.storage\.googleapis\.com\/tmp\//,
    );
    const forged = await emulator.handle(
      new Request(`${source}?X-Goog-Signature=forged`, {
        method: "PUT",
        body: new Uint8Array(jpeg),
      }),
    );
    expect(forged.status).toBe(403);
  });

  it("finds files by filename and status with files(query:)", async () => {
    await createImage(jpeg, "searchable-lookbook.jpg");
    await emulator.idle();
    const { data } = await api()(
      `{ files(first: 10, query: "filename:searchable* status:READY") { nodes { id ... on MediaImage { image { url } } } } }`,
    );
    expect(data.files.nodes).toHaveLength(1);
    expect(data.files.nodes[0].image.url).toContain("searchable-lookbook.jpg");
  });
});

describe("replacing a file in place (fileUpdate)", () => {
  const update = (files: unknown[]) =>
    api()(
      `mutation Update($files: [FileUpdateInput!]!) { fileUpdate(files: $files) { files { ${FILE_FIELDS} } userErrors { code message } } }`,
      { files },
    );

  it("keeps the file id and URL path, changes ?v= and serves the new bytes once READY", async () => {
    const original = await ready(
      (await createImage(jpeg, "replace-me.jpg")).id,
    );
    const v2 = await studioImage({
      family: "coat",
      colour: camel,
      width: 800,
      height: 1000,
      label: "v2",
    });
    const source = await stagedUpload(emulator, api(), {
      filename: "replace-me-v2.jpg",
      mimeType: "image/jpeg",
      bytes: v2,
    });

    const { data } = await update([
      { id: original.id, originalSource: source },
    ]);
    expect(data.fileUpdate.userErrors).toEqual([]);
    const replaced = await ready(original.id);

    const before = new URL(original.image!.url);
    const after = new URL(replaced.image!.url);
    expect(replaced.id).toBe(original.id);
    expect(after.pathname).toBe(before.pathname);
    expect(Number(after.searchParams.get("v"))).toBeGreaterThan(
      Number(before.searchParams.get("v")),
    );
    const served = Buffer.from(
      await (await emulator.handle(new Request(after))).arrayBuffer(),
    );
    expect(served.equals(v2)).toBe(true);
  });

  it("is locked while the file is processing (FILE_LOCKED)", async () => {
    const created = await createImage(jpeg, "locked.jpg");
    const source = await stagedUpload(emulator, api(), {
      filename: "locked-2.jpg",
      mimeType: "image/jpeg",
      bytes: jpeg,
    });
    const { data } = await update([{ id: created.id, originalSource: source }]);
    expect(data.fileUpdate.userErrors).toEqual([
      expect.objectContaining({ code: "FILE_LOCKED" }),
    ]);
    await emulator.idle();
  });

  it("requires the same file extension (INVALID_FILENAME_EXTENSION)", async () => {
    const original = await ready((await createImage(jpeg, "ext.jpg")).id);
    const png = await sharp(jpeg).png().toBuffer();
    const source = await stagedUpload(emulator, api(), {
      filename: "ext.png",
      mimeType: "image/png",
      bytes: png,
    });
    const { data } = await update([
      { id: original.id, originalSource: source },
    ]);
    expect(data.fileUpdate.userErrors).toEqual([
      expect.objectContaining({ code: "INVALID_FILENAME_EXTENSION" }),
    ]);
  });
});
