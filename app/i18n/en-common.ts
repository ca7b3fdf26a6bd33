// The English strings shared by every area: the app shell and navigation, the top-level pages' titles and empty
// states, settings, login and the landing page, and the one name per channel. Part of the one catalogue (en.ts).
import type { ChannelKind } from "~/channels/kinds";

/** One name per channel, used by the PIM and the sync screens alike. */
export const channelLabels = {
  SHOPIFY_STOREFRONT: "Shopify storefront",
  GOOGLE_MERCHANT: "Google Merchant Center",
  MARKETPLACE: "Marketplace",
  META_CATALOG: "Meta catalogue",
} as const satisfies Record<ChannelKind, string>;

export const enCommon = {
  app: {
    name: "Vitrine",
    loading: "Loading",
    nav: {
      dashboard: "Dashboard",
      products: "Products",
      assets: "Assets",
      channels: "Channels",
      activity: "Activity",
      settings: "Settings",
      launches: "Launches",
    },
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
