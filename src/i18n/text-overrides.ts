// Cloudinary's `text` option: { <language>: { "queue.title": "…" } } (flat dotted keys, or nested
// sections as in Cloudinary's text.json), merged over our strings, with {{variable}} interpolation.
// Headless: no lit, no document. A lazy part: only a widget given `text` loads it.

/** Cloudinary text.json keys this widget shows, each with the variables it fills. */
export const TEXT_KEYS: Readonly<Record<string, readonly string[]>> = {
  or: [],
  back: [],
  close: [],
  advanced: [],
  'menu.files': [],
  'menu.web': [],
  'menu.camera': [],
  'menu.dropbox': [],
  'menu.gdrive': [],
  'local.browse': [],
  'local.dd_title_single': [],
  'local.dd_title_multi': [],
  'url.inner_title': [],
  'url.input_placeholder': [],
  'queue.title': [],
  'queue.title_uploading_with_counter': ['num'],
  'queue.upload_more': [],
  'queue.done': [],
  'queue.show_completed': [],
  'queue.retry_failed': [],
  'queue.abort_all': [],
  'queue.statuses.uploading': [],
  'queue.statuses.error': [],
  'queue.statuses.uploaded': [],
  'queue.statuses.aborted': [],
  'crop.title': [],
  'crop.crop_btn': [],
  'crop.skip_btn': [],
  'camera.take_pic': [],
  'camera.retry': [],
  'advanced_options.public_id_ph': [],
  'advanced_options.tags_ph': [],
  'actions.upload': [],
};

export type TextTable = Record<string, string>;

/** Flattens one language's overrides ({queue: {title: "…"}} or {"queue.title": "…"}) to dotted keys. */
function flatten(value: unknown, prefix: string, out: TextTable): void {
  if (typeof value === 'string') {
    out[prefix] = value;
    return;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  }
}

/**
 * The overrides for `locale` (falling back from "pt-BR" to "pt"), and the keys this widget does not
 * know, so they can be reported once.
 */
export function overridesFor(text: Record<string, unknown> | undefined, locale: string): { table: TextTable; unknown: string[] } {
  const table: TextTable = {};
  if (!text) return { table, unknown: [] };
  const language = locale.split('-')[0];
  // Cloudinary's own layout wraps languages in "default"; accept both.
  const root = (text.default && typeof text.default === 'object' ? text.default : text) as Record<string, unknown>;
  const entry = root[locale] ?? root[language];
  flatten(entry, '', table);
  return { table, unknown: Object.keys(table).filter((k) => !(k in TEXT_KEYS)) };
}
