// The English catalogue: the same keys as the Dutch one (nl/index.ts), checked by the
// compiler (a missing or extra key does not build) and by i18n.test.ts.
import type { Catalogue } from "../nl";
import { app } from "./app";
import { common } from "./common";
import { labels } from "./labels";
import { overview } from "./overview";
import { proposal } from "./proposal";
import { wizard } from "./wizard";
import { attachments } from "./attachments";
import { start } from "./start";
import { exportPanel } from "./exportPanel";
import { components } from "./components";
import { pilot } from "./pilot";
import { review } from "./review";
import { decision } from "./decision";
import { signing } from "./signing";
import { meetings } from "./meetings";
import { presenter } from "./presenter";
import { committee } from "./committee";
import { framework } from "./framework";
import { followup } from "./followup";
import { reassessment } from "./reassessment";
import { report } from "./report";
import { dashboard } from "./dashboard";
import { archive } from "./archive";
import { settings } from "./settings";

export const en: Catalogue = {
  app,
  common,
  labels,
  overview,
  proposal,
  wizard,
  attachments,
  start,
  exportPanel,
  components,
  pilot,
  review,
  decision,
  signing,
  meetings,
  presenter,
  committee,
  framework,
  followup,
  reassessment,
  report,
  dashboard,
  archive,
  settings,
};
