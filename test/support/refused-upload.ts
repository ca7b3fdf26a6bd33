// Refused uploads in DAM tests: the refusal is an Invalid and nothing of the upload stays behind.
import { expect } from "vitest";
import { ingestUpload } from "~/dam/ingest.server";
import db from "~/db.server";
import { Invalid } from "~/lib/errors";
import { filesUnder } from "./dam";

/**
 * Uploads through the DAM's ingest expecting a refusal: asserts it is an Invalid (TooLarge is one too) and that no
 * version row and no file under `storageDir` was left behind. Returns the refusal's message.
 */
export async function refusedUpload(
  shop: string,
  storageDir: string,
  filename: string,
  data: Buffer,
): Promise<string> {
  const before = {
    rows: await db.assetVersion.count({ where: { shop } }),
    files: filesUnder(storageDir),
  };
  const error = await ingestUpload({
    shop,
    filename,
    data,
    actor: "user:1",
  }).then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  expect(error).toBeInstanceOf(Invalid);
  expect(await db.assetVersion.count({ where: { shop } })).toBe(before.rows);
  expect(filesUnder(storageDir)).toEqual(before.files);
  return error!.message;
}
