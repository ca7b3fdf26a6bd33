// The English catalogue: every string the admin UI shows. Other locales implement the same shape.
export const en = {
  app: {
    name: "Vitrine",
    nav: {
      dashboard: "Dashboard",
      products: "Products",
      assets: "Assets",
      channels: "Channels",
      activity: "Activity",
      settings: "Settings",
    },
  },
  dashboard: {
    title: "Dashboard",
    welcome: "Welcome to Vitrine, {shop}",
    intro:
      "Vitrine keeps the approved product data and images on every channel. Set it up in three steps; each one unlocks the next.",
    steps: {
      products: {
        title: "Import your catalogue",
        body: "Bring your products and variants into Vitrine's PIM.",
      },
      assets: {
        title: "Upload and approve images",
        body: "Build the asset library your team approves from.",
      },
      channels: {
        title: "Connect channels",
        body: "Choose where approved data and images go: storefront, Google, marketplaces.",
      },
    },
    open: "Open",
  },
  products: {
    title: "Products",
    emptyHeading: "Your catalogue will appear here",
    emptyBody:
      "Vitrine imports every product and variant of your shop so you can enrich and approve their data.",
    emptyAction: "Upload assets first",
  },
  assets: {
    title: "Assets",
    emptyHeading: "Build your asset library",
    emptyBody:
      "Upload studio, lifestyle and campaign images, tag and approve them, then link them to products.",
    emptyAction: "Back to dashboard",
  },
  channels: {
    title: "Channels",
    emptyHeading: "Your Shopify storefront is connected",
    emptyBody:
      "Google Merchant Center and marketplace channels can be added once assets and products are approved.",
    emptyAction: "Review products",
  },
  activity: {
    title: "Activity",
    emptyHeading: "No activity yet",
    emptyBody:
      "Every sync to Shopify and your channels will be listed here, with its timing and any failure to retry.",
    emptyAction: "Upload assets",
  },
  settings: {
    title: "Settings",
    shopSection: "Shop",
    shopName: "Name",
    plan: "Plan",
    currency: "Currency",
    locales: "Published languages",
    notSynced: "Not synced yet",
  },
  login: {
    title: "Log in",
    shopLabel: "Shop domain",
    shopHelp: "example.myshopify.com",
    submit: "Log in",
    missingShop: "Please enter your shop domain to log in",
    invalidShop: "Please enter a valid shop domain to log in",
  },
  landing: {
    heading: "Vitrine — PIM and DAM for Shopify",
    tagline:
      "The right product data and the right approved images on every channel, with no manual copying.",
  },
  sync: {
    channel: {
      SHOPIFY_STOREFRONT: "Shopify storefront",
      GOOGLE_MERCHANT: "Google Merchant Center",
      MARKETPLACE: "Marketplace",
    },
    status: {
      PENDING: "Pending",
      SYNCING: "Syncing",
      LIVE: "Live",
      BLOCKED: "Blocked by pre-flight",
      FAILED: "Failed",
    },
    on: "On",
    off: "Off",
    turnOn: "Turn on",
    turnOff: "Turn off",
    save: "Save",
    saved: "Saved",
    storefrontBody:
      "Always on. Approved images are uploaded to Shopify once; a new version replaces the file in place, so every product and variant that shows it updates at once.",
    filenamePattern: "Auto-link filename pattern",
    filenamePatternHelp:
      "A regular expression with named groups sku, role and n. Approved images whose name matches are linked to the variant with that SKU.",
    googleBody:
      "Give this URL to Merchant Center as a scheduled fetch. Image URLs change with every approved version, so Google refetches them.",
    feedUrl: "Feed URL",
    rotateToken: "Rotate feed token",
    marketplaceBody:
      "Signed JSON listing updates (PATCH per SKU) to your marketplace's listings endpoint, retried with backoff.",
    endpointUrl: "Listings endpoint (https)",
    keyId: "Key id",
    secret: "Signing secret",
    states:
      "{live} live · {pending} pending · {blocked} blocked · {failed} failed",
    latencyTitle: "Approval → live",
    latencyBody:
      "Time from approving a change to the change being live, per channel, over the last 14 days.",
    p50: "p50",
    p95: "p95",
    samples: "{count} changes",
    noSamples: "No change has gone live yet.",
    stuckTitle: "Needs attention",
    stuckNone: "Nothing is stuck: every product is live or on its way.",
    retry: "Retry",
    retried: "Sent again",
    activityTitle: "Recent changes",
    product: "Product",
    variants: "Variants",
    approved: "Approved",
    enqueued: "Queued",
    rendered: "Rendered",
    pushed: "Pushed",
    live: "Live",
    failed: "Failed",
    onlyFailed: "Only failures",
    more: "Older changes",
    usedByTitle: "Used by",
    usedByNone: "Not linked to any product yet.",
    impact:
      "Approving a new version updates {variants} variants of {products} products on {channels} channels.",
    linkTitle: "Link to products",
    linkRole: "Role",
    linkProduct: "Product",
    linkVariants: "Variants (empty: the whole product)",
    linkOption: "Or every variant with option",
    linkOptionValue: "value",
    link: "Link",
    unlink: "Unlink",
    linked: "{count} links created",
  },
} as const;
