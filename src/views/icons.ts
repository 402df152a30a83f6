// The widget's icons, inline SVG (no icon font, no requests, nothing a CSP has to allow). Each is
// drawn with currentColor on a 24-unit grid and is decorative: the control around it has the name.
import { svg, html, type SVGTemplateResult } from 'lit';

const stroke = (d: string) => svg`<path d=${d} fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>`;

const ICONS = {
  pause: stroke('M9 6v12M15 6v12'),
  resume: svg`<path d="M8 5.5v13l10.5-6.5z" fill="currentColor"/>`,
  cancel: stroke('M7 7l10 10M17 7L7 17'),
  retry: stroke('M19 12a7 7 0 1 1-2.1-5M19 4v4.5h-4.5'),
  check: stroke('M5 12.5l4.5 4.5L19 7.5'),
  alert: svg`<circle cx="12" cy="12" r="10" fill="currentColor"/><path d="M12 7v6M12 16.5v.5" stroke="var(--uw-color-window)" stroke-width="2.4" stroke-linecap="round"/>`,
  blocked: svg`<circle cx="12" cy="12" r="8.5" fill="none" stroke="currentColor" stroke-width="2"/><path d="M6 18L18 6" stroke="currentColor" stroke-width="2"/>`,
  upload: stroke('M12 16V5M7.5 9.5L12 5l4.5 4.5M5 15v3.5A1.5 1.5 0 0 0 6.5 20h11a1.5 1.5 0 0 0 1.5-1.5V15'),
  /** Reorder: a handle to drag. */
  grip: svg`${[6, 12, 18].map((y) => svg`<circle cx="9" cy=${y} r="1.6" fill="currentColor"/><circle cx="15" cy=${y} r="1.6" fill="currentColor"/>`)}`,
  /** Make smaller: two corners drawn in. */
  shrink: stroke('M4 14h6v6M20 10h-6V4M14 10l6-6M10 14l-6 6'),
  crop: stroke('M7 3v14h14M3 7h14v14'),
  chevronUp: stroke('M6 15l6-6 6 6'),
  chevronDown: stroke('M6 9l6 6 6-6'),
  minimize: stroke('M5 18h14'),
  close: stroke('M6 6l12 12M18 6L6 18'),
} satisfies Record<string, SVGTemplateResult>;

export type IconName = keyof typeof ICONS;

export const icon = (name: IconName) => html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${ICONS[name]}</svg>`;
