/**
 * Where this code was loaded from: the classic script's src while the IIFE bundle runs (there is
 * no import.meta in a classic script), else this module's own URL. Lazy parts and languages of the
 * classic script are fetched next to it.
 */
const script = typeof document === 'undefined' ? null : document.currentScript;
export const CODE_URL = (script instanceof HTMLScriptElement && script.src) || import.meta.url;
