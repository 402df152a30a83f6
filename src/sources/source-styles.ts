// Styles the Web address and Camera sources share: the panel, action and secondary buttons,
// focus rings and the error message. Colours come from the palette's custom properties.
import { css } from 'lit';

export const sourceStyles = css`
  :host {
    display: block;
    color: var(--uw-color-text-dark, #000);
  }
  .panel {
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
    padding: 0.6em 1.4em;
    border: 0;
    border-radius: var(--uw-radius, 8px);
    background: var(--uw-color-action, #c94d09);
    color: var(--uw-color-text-light, #fff);
    cursor: pointer;
  }
  button.secondary {
    background: var(--uw-color-window, #fff);
    color: var(--uw-color-link, #0070ef);
    box-shadow: inset 0 0 0 1px var(--uw-color-window-border, #8493a5);
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
  .error {
    margin: 0;
    color: var(--uw-color-error, #d73a2f);
  }
  [hidden] {
    display: none !important;
  }
`;
