// Headless logic of the Advanced panel: public ID rules, tag clean-up, and tag suggestions
// (debounced, latest answer wins, failures ignored). No lit, no document: views map the
// problems returned here to localized words.
import type { GetTagsHook, GetUploadPresetsHook } from './engine-options.js';
import { callWithCallback } from './hooks.js';

/** Characters Cloudinary refuses in a public ID. */
const PUBLIC_ID_FORBIDDEN = ['?', '&', '#', '\\', '%', '<', '>'] as const;

export type PublicIdProblem = { kind: 'char'; char: string } | { kind: 'slash' };

/** Why a public ID (already trimmed) would be refused, or undefined when it is fine (or empty). */
export function publicIdProblem(id: string): PublicIdProblem | undefined {
  const char = PUBLIC_ID_FORBIDDEN.find((c) => id.includes(c));
  if (char) return { kind: 'char', char };
  if (id.startsWith('/') || id.endsWith('/')) return { kind: 'slash' };
  return undefined;
}

/** A tag as it will be sent: trimmed, and without commas, which separate tags on the wire. */
export function cleanTag(text: string): string {
  return text.replace(/,/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Strings only, cleaned, without blanks, duplicates or anything in `exclude`. */
export function uniqueTags(list: unknown, exclude: readonly string[] = []): string[] {
  if (!Array.isArray(list)) return [];
  const seen = new Set(exclude);
  const out: string[] = [];
  for (const item of list) {
    if (typeof item !== 'string') continue;
    const tag = cleanTag(item);
    if (!tag || seen.has(tag)) continue;
    seen.add(tag);
    out.push(tag);
  }
  return out;
}

export type SuggestionSource = (prefix: string) => Promise<unknown>;

/** getTags as a Promise, whether the page's function calls back or returns a Promise. */
export function tagSource(getTags: GetTagsHook, timeoutMs: number): SuggestionSource {
  return (prefix) => callWithCallback<string[]>((cb) => getTags(cb, prefix), timeoutMs, 'getTags');
}

/** getUploadPresets' answer as clean names; [] when it gives nothing, fails or stays silent. */
export async function loadPresets(getUploadPresets: GetUploadPresetsHook, timeoutMs: number): Promise<string[]> {
  try {
    return uniqueTags(await callWithCallback<string[]>((cb) => getUploadPresets(cb), timeoutMs, 'getUploadPresets'));
  } catch {
    // An optional picker: without presets the panel simply has no select.
    return [];
  }
}

/**
 * Asks for suggestions as the person types: waits `delayMs` of quiet, and drops any answer
 * that is not for the newest request, so a slow early answer never replaces a later one.
 */
export class TagSuggester {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;

  constructor(
    private readonly onResults: (prefix: string, suggestions: unknown) => void,
    private readonly delayMs = 150,
  ) {}

  request(source: SuggestionSource, prefix: string, immediate = false): void {
    this.cancel();
    const seq = this.seq;
    const ask = () => {
      source(prefix).then(
        (answer) => {
          if (seq === this.seq) this.onResults(prefix, answer);
        },
        () => {
          // Suggestions are a convenience: a failing hook leaves the field as it was.
        },
      );
    };
    if (immediate) ask();
    else this.timer = setTimeout(ask, this.delayMs);
  }

  /** Forgets the pending request and any answer still on its way. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.seq++;
  }
}
