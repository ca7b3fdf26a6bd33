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
  marketGalleries: {
    title: "Market galleries",
    link: "Choose images per market",
    intro:
      "A variant can show other images to shoppers of one market (in that market's languages other than the primary one). Leave a market empty to show the variant's own gallery there.",
    noMarkets:
      "This shop has no markets yet. Create them in Shopify's Markets settings.",
    noImages:
      "Link approved images to this product first: a market gallery chooses among them.",
    variantMarket: "{variant} · {market}",
    own: "The variant's own gallery",
    chosen: "{count} chosen",
    save: "Save",
    saved: "Saved. The market sees it after the next translation run.",
  },
};
