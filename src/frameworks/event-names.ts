// The widget's event names at run time, for wrappers that listen to them (the React component).
// Keyed by WidgetEventMap: the compiler refuses a name missing here or one the map lacks.
import type { WidgetEventName } from '../events.js';
import type { PascalEventName } from './props.js';

const EVENTS: { [K in WidgetEventName]: true } = {
  'upload-added': true,
  'queues-start': true,
  'queues-end': true,
  success: true,
  'upload-progress': true,
  'batch-cancelled': true,
  abort: true,
  retry: true,
  pause: true,
  resume: true,
  error: true,
  'network-lost': true,
  'network-restored': true,
  'uploads-restored': true,
  'upload-restarted': true,
  'resume-unavailable': true,
  'display-changed': true,
  close: true,
  'source-changed': true,
  'show-completed': true,
  publicid: true,
  tags: true,
};

export type EventPropName<K extends WidgetEventName> = `on${PascalEventName<K>}`;

/** 'queues-end' → 'onQueuesEnd', as PascalEventName spells it for the types. */
const eventProp = <K extends WidgetEventName>(name: K) =>
  `on${name.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase())}` as EventPropName<K>;

/** `{ onSuccess: 'success', onQueuesEnd: 'queues-end', … }` for every event of WidgetEventMap. */
export const EVENT_PROPS = Object.fromEntries((Object.keys(EVENTS) as WidgetEventName[]).map((name) => [eventProp(name), name])) as {
  [K in WidgetEventName as EventPropName<K>]: K;
};
