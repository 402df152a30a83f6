// The widget's two live regions. They are in the widget from its first render, empty, so the first
// message placed in them is spoken (a region added together with its text is not); the announcer
// (a lazy part) fills them. One template for both, so the regions stay the same nodes when it arrives.
import { html } from 'lit';

export const liveRegions = (polite = '', assertive = '') =>
  html`<div class="sr-only" role="status" aria-live="polite" data-live="polite">${polite}</div>
    <div class="sr-only" role="alert" aria-live="assertive" data-live="assertive">${assertive}</div>`;
