// The English catalogue: every string the admin UI shows. Other locales implement the same shape.
// One file per area; add a string to the area file whose screen shows it (the top-level key names the file).
import { enCommon } from "./en-common";
import { enDam } from "./en-dam";
import { enDashboard } from "./en-dashboard";
import { enLanguages } from "./en-languages";
import { enLaunch } from "./en-launch";
import { enMedia } from "./en-media";
import { enPim } from "./en-pim";
import { enSync } from "./en-sync";

export const en = {
  ...enCommon, // app, products, assets, channels, activity, settings, login, landing
  dashboard: enDashboard,
  sync: enSync,
  dam: enDam,
  pim: enPim,
  languages: enLanguages,
  launch: enLaunch,
  media: enMedia,
} as const;
