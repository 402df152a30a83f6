import { css } from 'lit';

// Every colour is a custom property named after Cloudinary's palette keys (--uw-color-<key>),
// so a page can theme the widget from its own CSS.
export const widgetStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: var(--uw-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--uw-font-size, 15px);
    color: var(--uw-color-text-dark, #000);
  }
  :host([hidden]) {
    display: none;
  }
  .widget {
    display: flex;
    flex-direction: column;
    gap: var(--uw-space-2, 12px);
    padding: var(--uw-space-3, 16px);
    background: var(--uw-color-window, #fff);
    border: 1px solid var(--uw-color-window-border, #90a0b3);
    border-radius: var(--uw-radius, 8px);
  }
  .summary {
    margin: 0;
    min-height: 1.2em;
    color: var(--uw-color-menu-icons, #5a616a);
  }
`;
