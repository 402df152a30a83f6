// @lit/localize for the classic script: the part of it the widget uses. The script hands the
// module's namespace to its lazy parts (classic/load-part.ts), and a namespace keeps every export
// in the bundle, lit-localize's page-wide runtime (configureLocalization) too, which language.ts
// replaces. The classic script's build aliases '@lit/localize' to this file; the parts read it.
export { msg } from '@lit/localize/init/install.js';
export { str } from '@lit/localize/internal/str-tag.js';
export { LOCALE_STATUS_EVENT } from '@lit/localize/internal/locale-status-event.js';
export { updateWhenLocaleChanges } from '@lit/localize/internal/localized-controller.js';
