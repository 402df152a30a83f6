// The two ways events leave a part of the widget. `fire`: the widget's public events (WidgetEventMap,
// documented in the manifest), composed and bubbling so they reach the page; `error` alone does not
// bubble: on window it would reach the page's global error handlers (window.onerror, error
// trackers) as if it were an uncaught exception. `intent`: a view's request to the widget around
// it, dispatched on the view itself, neither bubbling nor composed, so no page ever sees it.
import type { WidgetEventMap, WidgetEventName } from './events.js';

const send = (target: EventTarget, name: string, detail: unknown, out: boolean) =>
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: out, composed: out, cancelable: true }));

export function fire<K extends WidgetEventName>(target: EventTarget, name: K, detail: WidgetEventMap[K]): boolean {
  return send(target, name, detail, name !== 'error');
}

export function intent<T>(view: EventTarget, name: string, detail: T): boolean {
  return send(view, name, detail, false);
}
