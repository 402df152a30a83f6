// `upload-widget/react`: the <UploadWidget> React component, and JSX types for a plain
// <upload-widget> (`import type {} from 'upload-widget/react'` once).
//
// The component is @lit/react's wrapper (bundled into dist/react.js; React stays the page's): it
// sets camelCase props as the element's properties and `onSuccess`, `onQueuesEnd`, … as
// listeners of every event in WidgetEventMap, in a layout effect, so they survive server
// rendering and hydration (React 19 hydrates a plain custom element without them,
// facebook/react#35446). On the server `upload-widget` resolves to its DOM-free entry: nothing is
// defined there, string and number props are written as attributes (the element reads their
// lowercase spelling before hydration) and the browser's copy takes over on hydrating.
import { createComponent } from '@lit/react';
import React, { type DetailedHTMLProps, type ForwardRefExoticComponent, type HTMLAttributes, type RefAttributes } from 'react';
import type { WidgetEvent, WidgetEventMap, WidgetEventName } from '../events.js';
// The build makes this the package's own `upload-widget` import: the page's one definition of
// the element in a browser, the DOM-free stub on the server.
import { UploadWidget as UploadWidgetElement } from '../index.js';
import { EVENT_PROPS, type EventPropName } from './event-names.js';
import type { UploadWidgetProps } from './props.js';

export type { UploadWidgetElement };

/** `onSuccess`, `onQueuesEnd`, `onUploadAdded`, …: one listener prop per widget event, typed with its detail. */
export type UploadWidgetEventProps = {
  [K in WidgetEventName as EventPropName<K>]?: (event: WidgetEvent<K>) => void;
};

/** The component's props: options (camelCase properties or kebab-case attributes), listeners, `class`/`className` and the rest of an element's. */
export type UploadWidgetComponentProps = Omit<HTMLAttributes<UploadWidgetElement>, keyof UploadWidgetProps | keyof UploadWidgetEventProps> &
  UploadWidgetProps &
  UploadWidgetEventProps & {
    class?: string;
  };

/** `<UploadWidget uploadPrefix=… sources={['local']} onSuccess={…} ref={…} />`: the ref is the <upload-widget> element. */
export const UploadWidget = createComponent({
  react: React,
  tagName: 'upload-widget',
  elementClass: UploadWidgetElement,
  events: EVENT_PROPS,
  displayName: 'UploadWidget',
}) as unknown as ForwardRefExoticComponent<UploadWidgetComponentProps & RefAttributes<UploadWidgetElement>>;

/** `on<event>` props of a plain <upload-widget>: React 19 listens for that exact name (`onsuccess`, `onupload-added`). */
export type UploadWidgetReactEvents = {
  [K in keyof WidgetEventMap as `on${K}`]?: (event: CustomEvent<WidgetEventMap[K]>) => void;
};

export type UploadWidgetReactProps = DetailedHTMLProps<HTMLAttributes<UploadWidgetElement>, UploadWidgetElement> &
  UploadWidgetProps &
  UploadWidgetReactEvents & {
    /** React 19 writes `class` on a custom element as it is. */
    class?: string;
  };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'upload-widget': UploadWidgetReactProps;
    }
  }
}
