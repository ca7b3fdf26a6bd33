// Multipart/form-data with many file parts under one field (a folder chosen with `webkitdirectory`): each part is
// handed to `onFile` as a stream, one after the other in the order they arrive, never buffered whole.
import { Invalid } from "./errors";
import { endOfParse, openMultipart, type FilePart } from "./multipart.server";

export interface ManyFilesOptions {
  field: string;
  /** More parts than this is refused with `tooMany`. */
  maxFiles: number;
  tooMany: string;
  /** Bytes of one part after which busboy truncates it (the consumer should refuse before that). */
  maxFileBytes: number;
}

/**
 * Reads `request` as multipart/form-data and calls `onFile` for each part named `options.field`, in order, each
 * after the previous one finished. Returns how many parts there were. Throws `Invalid` for a body that is not
 * multipart or has too many files, and the first error `onFile` throws (the rest of the body is not read).
 */
export async function readMultipartFiles(
  request: Request,
  options: ManyFilesOptions,
  onFile: (file: FilePart) => Promise<void>,
): Promise<number> {
  const { parser, source } = openMultipart(
    request,
    {
      files: options.maxFiles + 1,
      fields: 20,
      fieldSize: 20_000,
      parts: options.maxFiles + 21,
      headerPairs: 20,
      fileSize: options.maxFileBytes,
    },
    "send the files as multipart/form-data",
  );
  let count = 0;
  let chain: Promise<void> = Promise.resolve();
  let fail: (error: unknown) => void = () => undefined;
  const failed = new Promise<never>((_resolve, reject) => (fail = reject));
  failed.catch(() => undefined);
  const finished = new Promise<void>((resolve, reject) => {
    parser.on("file", (name, stream, info) => {
      if (name !== options.field) {
        stream.resume();
        return;
      }
      count += 1;
      if (count > options.maxFiles) {
        stream.resume();
        fail(new Invalid(options.tooMany));
        return;
      }
      chain = chain.then(() =>
        onFile({ filename: info.filename ?? "", mime: info.mimeType, stream }),
      );
      chain.catch((error: unknown) => {
        stream.resume();
        fail(error);
      });
    });
    endOfParse(parser, source, resolve, reject);
  });
  source.pipe(parser);
  try {
    await Promise.race([finished, failed]);
    await Promise.race([chain, failed]);
    return count;
  } finally {
    source.unpipe(parser);
    source.destroy();
  }
}
