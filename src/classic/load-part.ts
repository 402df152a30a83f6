// loadPart for the classic-script (IIFE) bundle, which cannot split code: each part is a small
// ES module in dist/parts/, built against this bundle's own lit, localize and stateful modules,
// which are handed over on a global: one namespace import each, every one in the object below
// (scripts/shared-runtime.mjs reads this file and makes the parts read the global). One copy of
// each, so each widget's language (i18n/language.ts) and lit's sentinels stay shared.
import * as lit from 'lit';
import * as directive from 'lit/directive.js';
import * as localize from '@lit/localize';
import * as language from '../i18n/language.js';
import * as text from '../i18n/text.js';
import * as plural from '../i18n/plural.js';
import * as dispatch from '../dispatch.js';
import * as options from '../options.js';
import * as cssProps from '../views/css-props.js';
import * as format from '../i18n/format.js';
import * as fileKind from '../core/file-kind.js';
import * as validate from '../core/validate.js';
import * as sharedStyles from '../views/shared-styles.js';
import * as liveRegions from '../element/live-regions.js';
import { CODE_URL } from './code-url.js';
import type { Part } from '../lazy/load-part.js';
import { partNotLoaded } from '../lazy/part-error.js';

export type { Part };

(globalThis as Record<string, unknown>).__uploadWidgetRuntime = {
  lit,
  directive,
  localize,
  language,
  text,
  plural,
  dispatch,
  options,
  cssProps,
  sharedStyles,
  format,
  fileKind,
  validate,
  liveRegions,
};

const loaded = new Map<Part, Promise<unknown>>();

export function loadPart(part: Part): Promise<unknown> {
  let promise = loaded.get(part);
  if (!promise) {
    const url = new URL(`./parts/${part}.js`, CODE_URL).href;
    promise = import(/* @vite-ignore */ url).catch((e: unknown) => Promise.reject(partNotLoaded(e, part, url)));
    loaded.set(part, promise);
  }
  return promise;
}
