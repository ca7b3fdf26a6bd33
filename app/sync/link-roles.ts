// What an image is for on a product (front, back, swatch…): the roles a link can have, shared by the link forms
// and the link modules. Pure.
export const linkRoles = [
  "FRONT",
  "BACK",
  "DETAIL",
  "LIFESTYLE",
  "SWATCH",
  "SIZE_CHART",
  "MANUAL",
  "CAMPAIGN",
] as const;
export type LinkRole = (typeof linkRoles)[number];
