// The English strings of issue #15's media screens beyond the drop zone: spin folder uploads and per-market
// galleries. Part of the one catalogue (en.ts `media`).

export const enMedia = {
  spinFolder: {
    action: "Upload a spin folder",
    hint: "A folder of 8–144 frames (JPEG, PNG or WebP, one size), ordered by name",
    uploading: "Uploading {count} frames of {folder}…",
    created: "{folder}: a 360° spin of {count} frames was added",
    duplicate: "{folder} is already in the library",
    failed: "{folder} was not added: {message}",
  },
};
