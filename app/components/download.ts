// Downloads a file from one of the app's own routes inside the embedded admin: a plain link would open a tab with
// no session (and land on the login page), so the file is fetched (App Bridge puts the session token on the app's
// own fetches) and handed to the browser as a blob.

/** The filename a response's Content-Disposition names, else `fallback`. */
export function filenameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get("Content-Disposition") ?? "";
  return /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallback;
}

/** Fetches `url` and saves the body as a file. Throws with the server's words when the answer is not a file. */
export async function downloadFile(url: string, fallback: string) {
  const response = await fetch(url, { headers: { Accept: "*/*" } });
  const type = response.headers.get("Content-Type") ?? "";
  if (!response.ok || type.startsWith("text/html"))
    throw new Error(
      (await response.text()).slice(0, 200) || `HTTP ${response.status}`,
    );
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = href;
  link.download = filenameOf(response, fallback);
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
