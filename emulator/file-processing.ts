// Files and media processing: a created or replaced file is UPLOADED, then PROCESSING, then READY or FAILED
// once its content has been downloaded and processed (timed by the emulator's `mediaProcessingMs`).
import { randomUUID } from "node:crypto";
import { fileByCdnPath } from "./cdn";
import type { ShopifyEmulator } from "./emulator";
import { CDN_HOST, STAGED_UPLOADS_HOST } from "./hosts";
import { processContent } from "./media/process";
import { gid, type FileKind, type FileRecord, type ShopState } from "./state";

/** A new file record whose content will be fetched from `source` and processed asynchronously. */
export function createFile(
  emulator: ShopifyEmulator,
  domain: string,
  input: {
    source: string;
    filename: string;
    alt: string;
    kind: FileKind;
    now: string;
  },
): FileRecord {
  const shop = emulator.shop(domain);
  const file: FileRecord = {
    id: gid(input.kind, emulator.ids.take()),
    kind: input.kind,
    filename: uniqueFilename(shop, input.filename),
    alt: input.alt,
    status: "UPLOADED",
    ready: null,
    pendingBlobKey: null,
    pendingMimeType: null,
    errors: [],
    productIds: [],
    createdAt: input.now,
    updatedAt: input.now,
  };
  shop.files.set(file.id, file);
  process(emulator, domain, file, input.source);
  return file;
}

/** Replaces a READY file's content in place (fileUpdate with originalSource): same id, same URL path. */
export function replaceFileContent(
  emulator: ShopifyEmulator,
  domain: string,
  file: FileRecord,
  source: string,
  now: string,
): void {
  file.status = "UPLOADED";
  file.errors = [];
  file.updatedAt = now;
  process(emulator, domain, file, source);
}

export function uniqueFilename(shop: ShopState, filename: string): string {
  const taken = new Set([...shop.files.values()].map((f) => f.filename));
  if (!taken.has(filename)) return filename;
  const dot = filename.lastIndexOf(".");
  const [stem, extension] =
    dot > 0 ? [filename.slice(0, dot), filename.slice(dot)] : [filename, ""];
  return `${stem}_${randomUUID()}${extension}`;
}

function process(
  emulator: ShopifyEmulator,
  domain: string,
  file: FileRecord,
  source: string,
): void {
  const half = Math.floor(emulator.mediaProcessingMs / 2);
  emulator.later(half, () => {
    if (file.status === "UPLOADED") file.status = "PROCESSING";
  });
  emulator.later(emulator.mediaProcessingMs, () =>
    finishProcessing(emulator, domain, file, source),
  );
}

async function finishProcessing(
  emulator: ShopifyEmulator,
  domain: string,
  file: FileRecord,
  source: string,
): Promise<void> {
  if (!emulator.hasShop(domain) || !emulator.shop(domain).files.has(file.id))
    return; // deleted meanwhile
  const fail = (code: string, message: string) => {
    file.status = "FAILED";
    file.errors = [{ code, message, details: null }];
  };
  const faults = emulator.faultsFor(domain);
  const bytes = await download(emulator, domain, source);
  if (faults.failMedia && faults.failMedia > 0) {
    faults.failMedia -= 1;
    fail("MEDIA_TIMEOUT_ERROR", "Media processing failed (injected fault).");
  } else if (!bytes) {
    fail(
      file.kind === "MediaImage"
        ? "IMAGE_DOWNLOAD_FAILURE"
        : "GENERIC_FILE_DOWNLOAD_FAILURE",
      `Could not download ${source}`,
    );
  } else {
    const result = await processContent(
      file.kind,
      bytes,
      file.pendingMimeType,
      (b) => emulator.putBlob(b),
    );
    if (!result.ok) fail(result.code, result.message);
    else {
      file.status = "READY";
      file.errors = [];
      file.ready = {
        ...result.content,
        version: nextVersion(emulator, file),
      };
    }
  }
  file.updatedAt = emulator.clock.iso();
  if (file.productIds.length) emulator.productsChanged(domain, file.productIds);
}

function nextVersion(emulator: ShopifyEmulator, file: FileRecord): number {
  // Seconds since the epoch, like Shopify's ?v=; strictly increasing per file.
  return Math.max(
    Math.floor(emulator.clock.now() / 1000),
    (file.ready?.version ?? 0) + 1,
  );
}

/** The bytes behind an originalSource URL: a staged upload, one of our CDN files, or a download. */
async function download(
  emulator: ShopifyEmulator,
  domain: string,
  source: string,
): Promise<Buffer | null> {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return null;
  }
  if (url.hostname === STAGED_UPLOADS_HOST) {
    const upload = emulator
      .shop(domain)
      .stagedUploads.get(decodeURIComponent(url.pathname.slice(1)));
    return upload?.blobKey ? (emulator.blob(upload.blobKey) ?? null) : null;
  }
  if (url.hostname === CDN_HOST) {
    const found = fileByCdnPath(emulator, url.pathname);
    return found?.file.ready
      ? (emulator.blob(found.file.ready.blobKey) ?? null)
      : null;
  }
  try {
    const response = await emulator.externalFetch(source);
    return response.ok ? Buffer.from(await response.arrayBuffer()) : null;
  } catch {
    return null;
  }
}
