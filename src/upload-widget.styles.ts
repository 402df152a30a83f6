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
    font-family: var(--uw-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Hiragino Sans', 'Noto Sans CJK JP', sans-serif);
    font-size: var(--uw-font-size, 15px);
    color: var(--uw-color-text-dark);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  /*
   * The dialog's top edge stays put from view to view (sources, crop, queue, done): it hangs from
   * a fixed distance below the screen's top instead of being centred on its changing height.
   */
  dialog {
    --uw-top: max(8px, min(10dvh, 80px));
    padding: 0;
    border: 0;
    background: transparent;
    width: min(var(--uw-dialog-width, 760px), calc(100vw - 16px));
    margin-block: var(--uw-top) auto;
    max-height: calc(100dvh - var(--uw-top) - 8px);
    overflow: visible;
  }
  /* The frame holds focus only for the moment between opening and its view's first control. */
  .widget:focus {
    outline: none;
  }
  dialog[open] {
    animation: uw-rise 0.18s ease-out;
  }
  /* A plain backdrop: a blur behind it made every frame of the opening twice as slow to paint. */
  dialog::backdrop {
    background: var(--uw-frame-background);
  }
  @keyframes uw-rise {
    from {
      opacity: 0;
      transform: translateY(8px) scale(0.99);
    }
  }
  @keyframes uw-fade {
    from {
      opacity: 0;
    }
  }
  /* Disabled (its attribute or a disabled fieldset): seen as such, and inert. */
  .widget[inert] {
    opacity: var(--uw-disabled-opacity, 0.55);
  }
  .widget {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: var(--uw-space-2, 12px);
    padding: var(--uw-space-3, 16px);
    background: var(--uw-color-window);
    color: var(--uw-color-text-dark);
    border: 1px solid var(--uw-color-window-border);
    border-radius: var(--uw-radius, 8px);
    container-type: inline-size;
    min-width: 0;
  }
  .widget.modal {
    max-height: calc(100dvh - var(--uw-top, 8px) - 8px);
    overflow: auto;
  }
  .widget > uw-queue,
  .widget > .panel,
  .widget > uw-crop-view {
    animation: uw-fade 0.15s ease-out;
  }
  /* The source panel keeps one height on every tab, so the dialog does not jump. */
  .panel {
    display: flex;
    flex-direction: column;
    min-block-size: var(--uw-panel-min-height, 380px);
  }
  .panel > * {
    flex: 1;
  }
  header {
    display: flex;
    align-items: center;
    gap: 4px;
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
    color: var(--uw-color-menu-icons);
  }
  svg.icon {
    width: 22px;
    height: 22px;
    flex: none;
  }
  button.icon:hover {
    background: var(--uw-color-source-bg);
    color: var(--uw-color-text-dark);
  }
  button:active {
    transform: scale(0.96);
  }
  button.to-queue {
    align-self: flex-start;
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-block-size: 36px;
    padding: 4px 14px;
    border: 1px solid var(--uw-color-window-border);
    border-radius: 18px;
    background: var(--uw-color-window);
    color: var(--uw-color-link);
  }
  button.to-queue:hover {
    background: var(--uw-color-source-bg);
  }
  button.to-queue svg.icon {
    width: 18px;
    height: 18px;
  }
  button:focus-visible {
    outline: 3px solid var(--uw-color-link);
    outline-offset: 2px;
  }
  .drop-hint {
    position: absolute;
    inset: 6px;
    display: none;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 8px;
    border: 3px solid var(--uw-color-link);
    border-radius: var(--uw-radius, 8px);
    background: color-mix(in srgb, var(--uw-color-window) 88%, transparent);
    color: var(--uw-color-link);
    font-size: 1.3em;
    font-weight: 600;
    pointer-events: none;
  }
  .drop-hint svg.icon {
    width: 56px;
    height: 56px;
  }
  .widget.dragging .drop-hint {
    display: flex;
    animation: uw-fade 0.12s ease-out;
  }
  .field-error {
    margin: 0 0 var(--uw-space-2, 12px);
    padding: 8px 12px;
    border-inline-start: 4px solid var(--uw-color-error);
    border-radius: var(--uw-radius, 8px);
    background: var(--uw-color-source-bg);
    color: var(--uw-color-text-dark);
    font-weight: 600;
  }
  .confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: flex-end;
    gap: 8px;
    padding: 12px;
    border: 1px solid var(--uw-color-window-border);
    border-radius: var(--uw-radius, 8px);
    background: var(--uw-color-source-bg);
  }
  .confirm p {
    flex: 1 1 100%;
    margin: 0;
  }
  .part-problem {
    margin: 0 0 8px;
    padding: 8px 12px;
    border: 1px solid var(--uw-color-error);
    border-radius: var(--uw-radius, 8px);
    overflow-wrap: anywhere;
  }
  .confirm button {
    min-block-size: 36px;
    padding: 6px 16px;
    border-radius: 18px;
    border: 1px solid var(--uw-color-window-border);
    background: var(--uw-color-window);
    color: var(--uw-color-text-dark);
  }
  .confirm button:hover {
    border-color: var(--uw-color-text-dark);
  }
  .confirm button.primary {
    background: var(--uw-color-action);
    color: var(--uw-color-text-light);
    border-color: transparent;
  }
  /* Touch: every control at least 44 by 44 CSS pixels. */
  @media (pointer: coarse) {
    button.icon {
      width: 44px;
      height: 44px;
    }
    button.to-queue,
    .confirm button {
      min-block-size: 44px;
      border-radius: 22px;
    }
  }
  /* Phones: the modal is the whole screen, with no card around it. */
  @media (max-width: 479px) {
    dialog {
      width: 100vw;
      max-width: 100vw;
      height: 100dvh;
      max-height: 100dvh;
      margin: 0;
    }
    .widget.modal {
      min-block-size: 100dvh;
      max-height: 100dvh;
      border: 0;
      border-radius: 0;
      padding: var(--uw-space-2, 12px);
    }
    .widget.modal .panel {
      flex: 1;
      min-block-size: 300px;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    dialog[open],
    .widget > *,
    .widget.dragging .drop-hint {
      animation: none;
    }
    button:active {
      transform: none;
    }
  }
`;
