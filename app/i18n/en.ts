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
} as const;
