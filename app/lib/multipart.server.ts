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
  const { parser, source } = openMultipart(
    request,
    {
      files: 1,
      fields: 20,
      fieldSize: 20_000,
      parts: 30,
      headerPairs: 20,
      fileSize: options.maxFileBytes,
    },
    "send the file as multipart/form-data",
  );
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
    endOfParse(parser, source, resolve, reject);
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

/**
 * The start both readers share: refuses a body that is not multipart/form-data (`notMultipart` is the sentence)
 * and opens busboy with `limits` over the request's body stream.
 */
export function openMultipart(
  request: Request,
  limits: busboy.Limits,
  notMultipart: string,
): { parser: busboy.Busboy; source: Readable } {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.startsWith("multipart/form-data") || !request.body)
    throw new Invalid(notMultipart);
  try {
    const parser = busboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8",
      limits,
    });
    return {
      parser,
      source: Readable.fromWeb(request.body as NodeReadableStream),
    };
  } catch (error) {
    throw new Invalid(
      "the upload is not valid multipart data",
      {},
      { cause: error },
    );
  }
}

/** Settles a parse: `resolve` when busboy closes, `reject` with `Invalid` on malformed data or a body error. */
export function endOfParse(
  parser: busboy.Busboy,
  source: Readable,
  resolve: () => void,
  reject: (error: unknown) => void,
) {
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
}
