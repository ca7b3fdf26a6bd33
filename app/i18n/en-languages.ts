// The English strings of the languages and swatches card. Part of the one catalogue (en.ts `languages`).

export const enLanguages = {
  title: "Languages and swatches",
  oneLanguage:
    "The shop publishes one language: add a language in Shopify to translate values and alt text",
  locale: "{locale}",
  nothing: "Nothing to translate yet: add a value in this language or alt text",
  attribute: "Value: {key}",
  alt: "Alt text of an image",
  gallery: "A market's own gallery",
  productText: "Shopify {key} (translated in Shopify)",
  status: {
    LIVE: "Live",
    OUTDATED: "Outdated",
    MISSING: "Missing",
    PENDING: "Waiting for the storefront",
  },
  swatches: "Swatches",
  noSwatches: "No colour option, or no swatch written yet",
  noColour: "no colour yet",
  crop: {
    x: "Detail centre, across (0–1)",
    y: "Detail centre, down (0–1)",
    help: "The swatch shows a square detail of the packshot around this point (0.5, 0.5 is the middle)",
    save: "Set crop point",
  },
} as const;
