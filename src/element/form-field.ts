// <upload-widget name="…"> as a form field (ElementInternals): each uploaded file adds a value,
// the preloaded-file string a backend verifies with one SDK call. Also Cloudinary's `form` and
// `fieldName` options, which write the same strings into hidden inputs of a form of the page.
import type { WidgetOptions } from '../options.js';
import { FrameTask } from './next-frame.js';

export interface FieldState {
  required: boolean;
  /** Files waiting, queued or uploading: their values are not there yet. */
  running: number;
  /** Localized messages, from the element (this module holds no text of its own). */
  messages: { missing: string; running: string };
  /** Where the browser points its validation message; asked only when the validity changes. */
  anchor: () => HTMLElement | undefined;
}

export class FormField {
  /** Queue item id → its value, in upload order. */
  private readonly values = new Map<string, string>();
  /** Values the browser gave back (history navigation, autofill), with no file in the queue. */
  private restored: string[] = [];
  /** The value added last (the map's last key), to tell whether the next one goes after it. */
  private lastId?: string;
  /** The last validity set, so progress ticks do not touch the DOM. */
  private validityKey = '';
  private state?: FieldState;
  /** Hidden inputs written for Cloudinary's `form` option, by queue item id. */
  private inputs = new Map<string, HTMLInputElement>();
  /**
   * Values added since the form last got them: given at the next frame, one copy of the list per
   * frame rather than per file (10,000 files made it quadratic), or at once when something reads
   * them (flush: before queues-end, a submit or `new FormData(form)` (fillIn), `value`).
   */
  private readonly publishing = new FrameTask(() => this.flush());
  private stale = false;
  /** A value added since was finished before the one added last: the values are put in order first. */
  private unordered = false;

  constructor(
    private readonly host: HTMLElement,
    private readonly internals: ElementInternals,
    /** Where a queue item stands in the list: the values go in that order. */
    private readonly positionOf: (id: string) => number = () => 0,
  ) {}

  /** What the form submits (values added since given to it now). */
  get list(): string[] {
    this.flush();
    return this.current();
  }

  private current(): string[] {
    return [...this.restored, ...this.values.values()];
  }

  add(id: string, value: string, options: WidgetOptions): void {
    // Most files finish in their list order: appended. One that passed another is put in its place.
    const last = this.lastId;
    this.values.set(id, value);
    this.lastId = id;
    const form = options.form && (typeof options.form === 'string' ? document.querySelector(options.form) : options.form);
    if (form) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = options.fieldName;
      input.value = value;
      form.append(input);
      this.inputs.set(id, input);
    }
    if (last !== undefined && this.positionOf(id) < this.positionOf(last)) this.unordered = true;
    this.stale = true;
    this.publishing.schedule();
  }

  /** Gives the form the values added since, now. */
  flush(): void {
    if (!this.stale) return;
    if (this.unordered) this.order();
    else this.publish();
  }

  /**
   * The form builds its entries (a submit, `new FormData(form)`) while values wait for the frame:
   * they go in now, in place of the ones it took.
   */
  fillIn(entries: FormData): void {
    if (!this.stale) return;
    this.flush();
    const name = this.host.getAttribute('name');
    if (!name) return;
    entries.delete(name);
    for (const value of this.current()) entries.append(name, value);
  }

  /** The values (and Cloudinary-style hidden inputs) in the queue's order: after a file was moved. */
  order(): void {
    const ids = [...this.values.keys()].sort((a, b) => this.positionOf(a) - this.positionOf(b));
    const values = new Map(ids.map((id) => [id, this.values.get(id)!]));
    this.values.clear();
    for (const [id, value] of values) this.values.set(id, value);
    this.lastId = ids.at(-1);
    for (const id of ids) {
      const input = this.inputs.get(id);
      // Appended again, in order, after the others.
      input?.parentNode?.appendChild(input);
    }
    this.publish();
  }

  /** A file removed from the queue takes its value with it. */
  remove(id: string): void {
    this.inputs.get(id)?.remove();
    this.inputs.delete(id);
    if (!this.values.delete(id)) return;
    if (this.lastId === id) this.lastId = [...this.values.keys()].at(-1);
    this.publish();
  }

  /** form.reset(): the values go (the element takes the finished rows off its queue); Cloudinary-style hidden inputs stay. */
  reset(): void {
    this.values.clear();
    this.lastId = undefined;
    this.restored = [];
    this.publish();
  }

  /** Back/forward cache or autofill gave back the values this field had. */
  restore(state: unknown): void {
    let list: unknown;
    try {
      list = typeof state === 'string' ? JSON.parse(state) : undefined;
    } catch {
      return;
    }
    if (!Array.isArray(list)) return;
    this.values.clear();
    this.lastId = undefined;
    this.restored = list.filter((v): v is string => typeof v === 'string');
    this.publish();
  }

  validate(state: FieldState): void {
    this.state = state;
    const { required, running, messages, anchor } = state;
    const missing = required && !this.values.size && !this.restored.length;
    const key = `${running > 0}|${missing}|${messages.running}|${messages.missing}`;
    if (key === this.validityKey) return;
    this.validityKey = key;
    if (running) this.internals.setValidity({ customError: true }, messages.running, anchor());
    else if (missing) this.internals.setValidity({ valueMissing: true }, messages.missing, anchor());
    else this.internals.setValidity({});
  }

  /** Gives the form the current values (also when the field's name changed). */
  publish(): void {
    // The frame asked for finds nothing stale.
    this.stale = this.unordered = false;
    const name = this.host.getAttribute('name');
    const list = this.current();
    let value: string | FormData | null = null;
    if (list.length === 1) value = list[0];
    else if (list.length && name) {
      // Several files: one entry per file under the field's name, as a <select multiple> submits.
      value = new FormData();
      for (const v of list) value.append(name, v);
    }
    this.internals.setFormValue(value, JSON.stringify(list));
    if (this.state) this.validate(this.state);
  }
}
