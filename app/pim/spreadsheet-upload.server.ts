// The import form's upload, read as a stream (busboy, app/lib/multipart.server.ts) like asset uploads: parsing a
// 10 MB multipart body in one go (Request.formData) holds the web process's event loop for tens of ms; streaming
// hands it back between chunks, and the size limit is enforced while the file arrives.
import { Invalid } from "~/lib/errors";
import type { FormInput } from "~/lib/http.server";
import { readMultipart } from "~/lib/multipart.server";

/** Largest spreadsheet accepted (the HTTP server refuses bodies over 11 MB before this). */
export const MAX_SPREADSHEET_BYTES = 10 * 1024 * 1024;

export interface SpreadsheetFile {
  name: string;
  size: number;
  content: Uint8Array;
}

export interface SpreadsheetUpload {
  /** The form's text fields. */
  input: FormInput;
  file: SpreadsheetFile | undefined;
}

/** The upload's file; `Invalid` (field `file`) when there is none or it is empty. */
export function requireSpreadsheetFile(
  upload: SpreadsheetUpload,
): SpreadsheetFile {
  if (!upload.file || upload.file.size === 0)
    throw new Invalid("Choose a file.", { file: ["Choose a file."] });
  return upload.file;
}

/** Reads the form. Throws `Invalid` (field `file`) for a file over the size limit, while it streams. */
export async function readSpreadsheetUpload(
  request: Request,
): Promise<SpreadsheetUpload> {
  const { file, fields } = await readMultipart(
    request,
    { field: "file", maxFileBytes: MAX_SPREADSHEET_BYTES + 1 },
    async ({ filename, stream }) => {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_SPREADSHEET_BYTES)
          throw new Invalid("The file is too large.", {
            file: [`At most ${MAX_SPREADSHEET_BYTES / 1024 / 1024} MB.`],
          });
        chunks.push(chunk);
      }
      return {
        name: filename,
        size,
        content: new Uint8Array(Buffer.concat(chunks)),
      };
    },
  );
  return { input: fields, file };
}
