// What screen readers hear. Messages wait their turn and each one stays at least a second, so
// none replaces another before it can be spoken; failures always get theirs (name and reason, in
// an assertive region), while successes are folded into "40 of 200 uploaded" at most every few
// seconds; a batch ends with one summary that names the failed files. The words for the engine's
// events are here; the live regions render them. A lazy part: the element holds it through
// ./lazy-announcer.ts.
import { msg, str } from '@lit/localize';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EngineEventMap, EngineEventName } from '../core/engine-events.js';
import { plural } from '../i18n/plural.js';
import { liveRegions } from './live-regions.js';

/**
 * Least time a message stays in its region before the next one replaces it: a second, and a
 * margin. Counted from the render that shows it (`shown()`), since a busy page may draw a
 * message later than it was placed.
 */
export const HOLD_MS = 1100;
/** Successes are told as a count at most this often. */
export const PROGRESS_EVERY_MS = 5000;
/** The end summary names this many failed files, then says how many more. */
export const NAMES_IN_SUMMARY = 5;

export type Politeness = 'polite' | 'assertive';
interface Message {
  text: string;
  region: Politeness;
  /** A progress count: dropped when a newer count or the summary comes. */
  progress?: boolean;
}

/**
 * The timeline of the two live regions: one message at a time across both (an assertive one
 * would cut a polite one short), each held at least `holdMs`. Failures go before waiting counts.
 */
export class SpeechQueue {
  readonly text: Record<Politeness, string> = { polite: '', assertive: '' };
  private readonly waiting: Message[] = [];
  private until = 0;
  private timer?: ReturnType<typeof setTimeout>;
  /** Counts the messages placed in the regions; `shown` takes the count a render drew. */
  placed = 0;
  private drawn = 0;

  constructor(
    private readonly changed: () => void,
    private readonly holdMs = HOLD_MS,
  ) {}

  say(text: string, region: Politeness = 'polite', progress = false): void {
    if (!text) return;
    // A newer count replaces one that still waits.
    if (progress) this.drop((m) => !!m.progress);
    const message = { text, region, progress };
    // A failure goes ahead of the counts that wait, never ahead of another failure.
    const at = region === 'assertive' ? this.waiting.findIndex((m) => m.region === 'polite') : -1;
    if (at < 0) this.waiting.push(message);
    else this.waiting.splice(at, 0, message);
    this.drain();
  }

  /** Drops waiting messages (counts, when the summary comes). */
  drop(when: (m: Message) => boolean): void {
    for (let i = this.waiting.length - 1; i >= 0; i--) if (when(this.waiting[i])) this.waiting.splice(i, 1);
  }

  /** Messages not yet spoken. */
  get pending(): number {
    return this.waiting.length;
  }

  /** The regions were drawn as they were at `placed`: a message just drawn stands its full time from now. */
  shown(placed = this.placed): void {
    if (placed <= this.drawn) return;
    this.drawn = placed;
    this.until = performance.now() + this.holdMs;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting.length = 0;
  }

  private drain(): void {
    if (this.timer || !this.waiting.length) return;
    const wait = this.until - performance.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.drain();
      }, wait);
      return;
    }
    const next = this.waiting.shift()!;
    this.text[next.region] = next.text;
    this.until = performance.now() + this.holdMs;
    this.placed += 1;
    this.changed();
    this.drain();
  }
}

/** The end of a batch in words: counts, then the failed files by name (the first few, then how many more). */
export function batchSummary(files: EngineEventMap['queues-end']['files'], locale?: string): string {
  const ok = files.filter((f) => f.status === 'success').length;
  const failed = files.filter((f) => f.failed).map((f) => f.name);
  const uploaded = plural(msg('one {# file uploaded.} other {# files uploaded.}'), ok, locale);
  let said = uploaded;
  if (failed.length) {
    const more = failed.length > NAMES_IN_SUMMARY ? plural(msg('one {and # more} other {and # more}'), failed.length - NAMES_IN_SUMMARY, locale) : '';
    const names = [failed.slice(0, NAMES_IN_SUMMARY).join(', '), more].filter(Boolean).join(' ');
    said += ` ${plural(msg('one {# failed:} other {# failed:}'), failed.length, locale)} ${names}.`;
  }
  return msg(str`Finished: ${said}`);
}

/** The announcement for an engine event that is spoken as it comes (failures, restarts, going offline). */
export function announcementFor<K extends EngineEventName>(name: K, detail: EngineEventMap[K]): string | undefined {
  switch (name) {
    case 'error':
      return (detail as EngineEventMap['error']).message;
    case 'upload-restarted':
      return msg(
        str`${(detail as EngineEventMap['upload-restarted']).file.name}: the server no longer had this upload, so it starts again from the beginning.`,
      );
    case 'network-lost':
      return msg('Offline: uploads will go on when the connection is back.');
  }
  return undefined;
}

/** What the announcer reads from the queue: how many files are done of how many. */
export interface AnnouncerSource {
  counts(): { done: number; count: number };
  locale(): string | undefined;
  /** Runs `words` in the widget's language (a timer's words are made outside any event). */
  inLanguage<T>(words: () => T): T;
}

/** Turns the engine's events into the live regions' words and renders the regions. */
export class AnnouncerController implements ReactiveController {
  readonly speech: SpeechQueue;
  private progressTimer?: ReturnType<typeof setTimeout>;
  private lastProgress = Number.NEGATIVE_INFINITY;
  /** The message count the last render drew (a message placed after it waits for the next). */
  private rendered = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: AnnouncerSource,
    private readonly progressEveryMs = PROGRESS_EVERY_MS,
  ) {
    this.speech = new SpeechQueue(() => this.host.requestUpdate());
    host.addController(this);
  }

  /** An engine event: spoken now, counted for later, or summed up at the end. */
  hear<K extends EngineEventName>(name: K, detail: EngineEventMap[K]): void {
    if (name === 'success') {
      this.successHeard();
      return;
    }
    if (name === 'queues-end') {
      clearTimeout(this.progressTimer);
      this.progressTimer = undefined;
      this.speech.drop((m) => !!m.progress);
      const { files } = detail as EngineEventMap['queues-end'];
      // Only refused files: nothing was uploaded, and each refusal was said as it came.
      if (files.every((f) => f.status === 'refused')) return;
      this.speech.say(batchSummary(files, this.source.locale()));
      return;
    }
    const said = announcementFor(name, detail);
    if (said) this.speech.say(said, name === 'error' ? 'assertive' : 'polite');
  }

  /** A page-supplied message (kept for callers that announce directly). */
  announce(text: string): void {
    this.speech.say(text);
  }

  /** Successes are told as a count, at most once per interval, the first one interval after the first success. */
  private successHeard(): void {
    if (this.progressTimer) return;
    const wait = Math.max(this.progressEveryMs, this.lastProgress + this.progressEveryMs - performance.now());
    this.progressTimer = setTimeout(() => {
      this.progressTimer = undefined;
      const { done, count } = this.source.counts();
      if (done >= count) return;
      this.lastProgress = performance.now();
      this.speech.say(
        this.source.inLanguage(() => msg(str`${done} of ${count} uploaded`)),
        'polite',
        true,
      );
    }, wait);
  }

  hostUpdated(): void {
    this.speech.shown(this.rendered);
  }

  hostDisconnected(): void {
    clearTimeout(this.progressTimer);
    this.progressTimer = undefined;
    this.speech.stop();
  }

  render() {
    this.rendered = this.speech.placed;
    return liveRegions(this.speech.text.polite, this.speech.text.assertive);
  }
}
