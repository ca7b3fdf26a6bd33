// The upload size limit, shared by ingest and the HTTP server's body limits (kept free of server dependencies so
// the web entry can import it without pulling the database in).

/** Default 200 MB per file; DAM_MAX_UPLOAD_BYTES overrides it. */
export function maxUploadBytes(): number {
  return Number(process.env.DAM_MAX_UPLOAD_BYTES) || 200 * 1024 * 1024;
}
