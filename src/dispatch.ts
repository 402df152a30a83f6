// The one way views and the element send events: composed, bubbling CustomEvents.
// `error` alone does not bubble: on window it would reach the page's global error handlers
// (window.onerror, error trackers) as if it were an uncaught exception.
export function fire<T>(target: EventTarget, name: string, detail: T): boolean {
  const bubbles = name !== 'error';
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles, composed: bubbles, cancelable: true }));
}
