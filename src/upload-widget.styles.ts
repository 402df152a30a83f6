import { css, unsafeCSS } from 'lit';
import { paletteDeclarations } from './theme/palette.js';

/** The default palette, declared once on the host: page CSS on the element still wins over :host. */
export const paletteDefaults = css`
  :host {
    ${unsafeCSS(paletteDeclarations())}
  }
`;

// Every colour is a custom property named after Cloudinary's palette keys (--uw-color-<key>),
// so a page can theme the widget from its own CSS; sizes come from --uw-* tokens.
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
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  dialog {
    padding: 0;
    border: 0;
    background: transparent;
    width: min(var(--uw-dialog-width, 760px), calc(100vw - 16px));
    max-height: calc(100dvh - 16px);
    overflow: visible;
  }
  dialog::backdrop {
    background: var(--uw-frame-background, #0e2f5b99);
  }
  .widget {
    display: flex;
    flex-direction: column;
    gap: var(--uw-space-2, 12px);
    padding: var(--uw-space-3, 16px);
    background: var(--uw-color-window, #fff);
    color: var(--uw-color-text-dark, #000);
    border: 1px solid var(--uw-color-window-border, #8493a5);
    border-radius: var(--uw-radius, 8px);
    container-type: inline-size;
    min-width: 0;
  }
  .widget.modal {
    max-height: calc(100dvh - 16px);
    overflow: auto;
  }
  header {
    display: flex;
    align-items: center;
    gap: 8px;
  }
  h2 {
    flex: 1;
    margin: 0;
    font-size: 1.15em;
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  button.icon {
    display: inline-grid;
    place-items: center;
    width: 36px;
    height: 36px;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: none;
    color: var(--uw-color-menu-icons, #5a616a);
  }
  button.icon svg {
    width: 22px;
    height: 22px;
  }
  button.icon:hover {
    background: var(--uw-color-source-bg, #e4ebf1);
  }
  button.link {
    align-self: flex-start;
    border: 0;
    background: none;
    padding: 4px 0;
    color: var(--uw-color-link, #0070ef);
    text-decoration: underline;
  }
  button:focus-visible {
    outline: 3px solid var(--uw-color-link, #0070ef);
    outline-offset: 2px;
  }
  .confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
    padding: 12px;
    border: 1px solid var(--uw-color-window-border, #8493a5);
    border-radius: var(--uw-radius, 8px);
    background: var(--uw-color-source-bg, #e4ebf1);
  }
  .confirm p {
    flex: 1 1 100%;
    margin: 0;
  }
  .confirm button {
    padding: 6px 14px;
    border-radius: var(--uw-radius, 8px);
    border: 1px solid var(--uw-color-window-border, #8493a5);
    background: var(--uw-color-window, #fff);
    color: var(--uw-color-text-dark, #000);
  }
  .confirm button.primary {
    background: var(--uw-color-action, #c94d09);
    color: var(--uw-color-text-light, #fff);
    border-color: transparent;
  }
  .minimized {
    position: fixed;
    inset-block-end: 0;
    z-index: 2147483000;
    padding: 10px 18px;
    border: 1px solid var(--uw-color-window-border, #8493a5);
    border-block-end: 0;
    border-radius: var(--uw-radius, 8px) var(--uw-radius, 8px) 0 0;
    background: var(--uw-color-window, #fff);
    color: var(--uw-color-text-dark, #000);
    box-shadow: 0 -2px 12px var(--uw-shadow-color, #0003);
  }
  .minimized.right {
    right: var(--uw-queue-offset, 35px);
  }
  .minimized.left {
    left: var(--uw-queue-offset, 35px);
  }
`;
