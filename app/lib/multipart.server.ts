// Streaming multipart/form-data with busboy: the one file part is handed to `onFile` as a stream while it
// arrives (never buffered whole), small text fields are collected, and anything else is drained. busboy parses
// Content-Disposition properly (`filename="size=M.jpg"` made Remix's own parser throw) and decodes UTF-8 names.
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { Invalid } from "./errors";

export interface FilePart {
  filename: string;
  mime: string;
  stream: Readable;
}

export interface MultipartOptions {
  /** The field that carries the file. */
  field: string;
  /** Bytes of one file part after which busboy truncates it (the consumer should refuse before that). */
  maxFileBytes: number;
}

/**
 * Reads `request` as multipart/form-data. Calls `onFile` for the first part named `options.field` and returns its
 * result with the text fields; `file` is undefined when there was no such part. Throws `Invalid` for a body that
 * is not multipart.
 */
export async function readMultipart<T>(
  request: Request,
  options: MultipartOptions,
  onFile: (file: FilePart) => Promise<T>,
): Promise<{ file: T | undefined; fields: Record<string, string> }> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.startsWith("multipart/form-data") || !request.body)
    throw new Invalid("send the file as multipart/form-data");
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8",
      limits: {
        files: 1,
        fields: 20,
        fieldSize: 20_000,
        parts: 30,
        headerPairs: 20,
        fileSize: options.maxFileBytes,
      },
    });
  } catch (error) {
    throw new Invalid(
      "the upload is not valid multipart data",
      {},
      { cause: error },
    );
  }
  const source = Readable.fromWeb(request.body as NodeReadableStream);
  const fields: Record<string, string> = {};
  let handled: Promise<T> | undefined;
  let failEarly: (error: unknown) => void = () => undefined;
  // A consumer that fails (a refused file) ends the wait without reading the rest of the body.
  const early = new Promise<never>((_resolve, reject) => (failEarly = reject));
  early.catch(() => undefined);
  const finished = new Promise<void>((resolve, reject) => {
    parser.on("file", (name, stream, info) => {
      if (name !== options.field || handled) {
        stream.resume();
        return;
      }
      handled = onFile({
        filename: info.filename ?? "",
        mime: info.mimeType,
        stream,
      });
      handled.catch((error: unknown) => {
        stream.resume();
        failEarly(error);
      });
    });
    parser.on("field", (name, value) => {
      fields[name] = value;
    });
    parser.on("close", resolve);
    parser.on("error", (error) =>
      reject(
        new Invalid(
          "the upload is not valid multipart data",
          {},
          { cause: error },
        ),
      ),
    );
    source.on("error", reject);
  });
  source.pipe(parser);
  try {
    await Promise.race([finished, early]);
    return { file: handled ? await handled : undefined, fields };
  } finally {
    source.unpipe(parser);
    source.destroy();
  }
}
