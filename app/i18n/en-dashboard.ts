// The English strings of the dashboard: the three set-up steps and the expiring licences card. Part of the one
// catalogue (en.ts `dashboard`).

export const enDashboard = {
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
  expiring: {
    title: "Expiring licences",
    none: "No image in use has a licence ending in the next {days} days.",
    intro:
      "These images stop showing on every channel when their licence ends (next {days} days). Extend the licence on the asset or link another image.",
    ends: "ends",
    withoutImageCount: "{count} product(s) left without an image",
    withoutImage: "Leaves without an image: {products}",
    othersRemain: "Its {count} product(s) keep other approved images.",
  },
} as const;
