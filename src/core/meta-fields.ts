// What a person says about each file (`metaFields`: alt text, a caption, a tag…), as upload
// parameters: Cloudinary's `context` by default (`alt=…|caption=…`, escaped when sent), or per
// field its structured `metadata` or its `tags`. A lazy part, loaded when files with fields go.
import type { EngineOptions, MetaField } from './engine-options.js';
import type { QueueItem } from './types.js';

/** The required fields `item` leaves empty, in the order they are shown. */
export function missingFields(fields: readonly MetaField[], item: QueueItem): MetaField[] {
  return fields.filter((f) => f.required && !item.meta?.[f.name]?.trim());
}

/**
 * The item's per-file parameters with its fields' values added to the options' own: `context`
 * and `metadata` merge with the options' (the person's values win), `tags` are added to theirs.
 */
export function withMeta(fields: readonly MetaField[], item: QueueItem, options: EngineOptions): Record<string, unknown> {
  const params: Record<string, unknown> = { ...item.overrides };
  const context: Record<string, string> = {};
  const metadata: Record<string, string> = {};
  const tags: string[] = [];
  for (const field of fields) {
    const value = item.meta?.[field.name]?.trim();
    if (!value) continue;
    if (field.to === 'tags')
      tags.push(
        ...value
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      );
    else if (field.to === 'metadata') metadata[field.name] = value;
    else context[field.name] = value;
  }
  const base = (key: string, option: unknown) => (params[key] ?? option) as Record<string, unknown> | string[] | string | undefined;
  if (Object.keys(context).length) params.context = { ...asObject(base('context', options.context)), ...context };
  if (Object.keys(metadata).length) params.metadata = { ...asObject(base('metadata', undefined)), ...metadata };
  if (tags.length) {
    const own = base('tags', options.tags);
    params.tags = [...(typeof own === 'string' ? own.split(',') : Array.isArray(own) ? own : []), ...tags];
  }
  return params;
}

/** An options' `context` or `metadata` as an object (they may come as one, or as Cloudinary's pipe text already parsed). */
function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
