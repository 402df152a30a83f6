// Styles the Web address and Camera sources share: the panel, action and secondary buttons,
// focus rings and the error message. Colours come from the palette's custom properties.
import { css } from 'lit';

export const sourceStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    color: var(--uw-color-text-dark, #000);
  }
  .panel {
    flex: 1;
    display: flex;
    flex-direction: column;
    gap: var(--uw-space-2, 12px);
    padding: var(--uw-space-3, 16px);
    border-radius: var(--uw-radius, 8px);
    background: var(--uw-color-source-bg, #e4ebf1);
  }
  button,
  select,
  input {
    font: inherit;
  }
  button {
    min-block-size: 40px;
    padding: 0.5em 1.4em;
    border: 0;
    border-radius: 20px;
    font-weight: 600;
    background: var(--uw-color-action, #c94d09);
    color: var(--uw-color-text-light, #fff);
    cursor: pointer;
  }
  button.secondary {
    background: var(--uw-color-window, #fff);
    color: var(--uw-color-link, #0070ef);
    box-shadow: inset 0 0 0 1px var(--uw-color-window-border, #8493a5);
  }
  button:hover:not(:disabled) {
    background: color-mix(in srgb, var(--uw-color-action) 85%, var(--uw-color-text-dark));
  }
  button.secondary:hover:not(:disabled) {
    background: var(--uw-color-source-bg);
  }
  button:active:not(:disabled) {
    transform: scale(0.97);
  }
  @media (pointer: coarse) {
    button,
    select,
    input {
      min-block-size: 44px;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    button:active:not(:disabled) {
      transform: none;
    }
  }
  button:disabled {
    cursor: default;
    opacity: 0.6;
  }
  button:focus-visible,
  select:focus-visible,
  input:focus-visible {
    outline: 3px solid var(--uw-color-link, #0070ef);
    outline-offset: 2px;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--uw-space-1, 8px);
    justify-content: center;
  }
  /* On the window colour, not the grey panel: the error colour reaches 4.5:1 only there. */
  .error {
    margin: 0;
    padding: 8px 12px;
    border-radius: var(--uw-radius, 8px);
    border-inline-start: 4px solid var(--uw-color-error);
    background: var(--uw-color-window);
    color: var(--uw-color-error);
  }
  [hidden] {
    display: none !important;
  }
`;

/** A provider's tab (Dropbox, Google Drive): a few centred lines above one button; errors read from the start. */
export const providerPanelStyles = css`
  .panel {
    align-items: center;
    justify-content: center;
    text-align: center;
  }
  p {
    margin: 0;
    max-inline-size: 40ch;
  }
  .error {
    text-align: start;
  }
`;
