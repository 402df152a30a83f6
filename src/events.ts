// Every event the widget dispatches: the engine's (core/engine-events.ts) and the element's own.
import type { EngineEventMap, FileSummary } from './core/engine-events.js';

export type { FileSummary };

export interface WidgetEventMap extends EngineEventMap {
  /** The widget was shown, hidden, minimized or expanded: a plain string, as Cloudinary sends it. */
  'display-changed': 'shown' | 'hidden' | 'minimized' | 'expanded';
  /** The widget closed. */
  close: Record<string, never>;
  /** Another source tab was chosen. */
  'source-changed': { source: string };
  /** The "Show completed" button: the finished files. */
  'show-completed': { items: FileSummary[] };
  /** The Advanced panel's public ID changed. */
  publicid: { publicId: string };
  /** The Advanced panel's tags changed. */
  tags: { tags: string[] };
}

export type WidgetEventName = keyof WidgetEventMap;

/** The DOM event for one of the widget's events: `WidgetEvent<'success'>`. */
export type WidgetEvent<K extends WidgetEventName> = CustomEvent<WidgetEventMap[K]>;

/**
 * The DOM's events of an element, without those the widget's own replace: `abort`, `close` and
 * `error` are Cloudinary's events here (a CustomEvent), not the DOM's UIEvent, Event and ErrorEvent.
 */
export type ElementEventMap = Omit<HTMLElementEventMap, WidgetEventName>;
