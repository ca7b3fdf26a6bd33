// How the drop zone moves a file: through the app (multipart/form-data POST), or — with object storage — straight
// to the bucket with presigned URLs, after which the app verifies what arrived. XMLHttpRequest, because fetch()
// reports no upload progress.

export interface UploadAnswer {
  status: number;
  body: Record<string, unknown>;
}

interface Callbacks {
  /** Share of the file's bytes sent so far (0..1). */
  onProgress: (share: number) => void;
  /** Every byte is sent; the server is verifying. */
  onSent: () => void;
}

function parse(xhr: XMLHttpRequest): Record<string, unknown> {
  try {
    return JSON.parse(xhr.responseText) as Record<string, unknown>;
  } catch {
    return { error: xhr.statusText || `HTTP ${xhr.status}` };
  }
}

function request(
  method: string,
  url: string,
  body: XMLHttpRequestBodyInit,
  headers: Record<string, string>,
  onProgress?: (loaded: number, total: number) => void,
  onSent?: () => void,
) {
  return new Promise<XMLHttpRequest>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    for (const [name, value] of Object.entries(headers))
      xhr.setRequestHeader(name, value);
    if (onProgress)
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress(event.loaded, event.total);
      };
    if (onSent) xhr.upload.onload = onSent;
    xhr.onload = () => resolve(xhr);
    xhr.onerror = () => reject(new Error("network error"));
    xhr.send(body);
  });
}

async function postJson(
  url: string,
  token: string,
  payload: unknown,
): Promise<UploadAnswer> {
  const xhr = await request("POST", url, JSON.stringify(payload), {
    Authorization: `Bearer ${token}`,
    "Content-Type": "application/json",
  });
  return { status: xhr.status, body: parse(xhr) };
}

/** One request to the app, which streams the file into ingest. */
export async function uploadThroughApp(
  file: File,
  url: string,
  token: string,
  { onProgress, onSent }: Callbacks,
): Promise<UploadAnswer> {
  const form = new FormData();
  form.append("file", file, file.name);
  const xhr = await request(
    "POST",
    url,
    form,
    { Authorization: `Bearer ${token}` },
    (loaded, total) => onProgress(loaded / total),
    onSent,
  );
  return { status: xhr.status, body: parse(xhr) };
}

interface Plan {
  uploadToken: string;
  multipart: boolean;
  parts: { number: number; url: string; offset: number; bytes: number }[];
}

/**
 * Asks the app for presigned URLs, PUTs the file (or its parts, three at a time) to the bucket, then asks the app
 * to verify and record it. `idToken` is called for each app request: session tokens live a minute, uploads longer.
 */
export async function uploadToBucket(
  file: File,
  assetId: string | undefined,
  idToken: () => Promise<string>,
  { onProgress, onSent }: Callbacks,
): Promise<UploadAnswer> {
  const planned = await postJson("/app/assets/upload-url", await idToken(), {
    filename: file.name,
    bytes: file.size,
    ...(assetId ? { assetId } : {}),
  });
  if (planned.status >= 400) return planned;
  const plan = planned.body as unknown as Plan;
  const sent = new Map<number, number>();
  const report = () =>
    onProgress([...sent.values()].reduce((a, b) => a + b, 0) / file.size);
  const etags: { number: number; etag: string }[] = [];
  const queue = [...plan.parts];
  const worker = async () => {
    for (let part = queue.shift(); part; part = queue.shift()) {
      const { number, offset, bytes } = part;
      const xhr = await request(
        "PUT",
        part.url,
        file.slice(offset, offset + bytes),
        {},
        (loaded) => {
          sent.set(number, loaded);
          report();
        },
      );
      if (xhr.status !== 200)
        throw new Error(`the storage refused part ${number} (${xhr.status})`);
      // The bucket's CORS rule must expose ETag (see README, Deploying).
      etags.push({ number, etag: xhr.getResponseHeader("ETag") ?? "" });
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  onSent();
  return postJson("/app/assets/upload-complete", await idToken(), {
    uploadToken: plan.uploadToken,
    parts: plan.multipart ? etags : [],
  });
}
