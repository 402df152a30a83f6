// Style pieces several views use, written once.
import { css } from 'lit';

/** Text for screen readers only: present in the accessibility tree, invisible on screen. */
export const srOnly = css`
  .sr-only {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/**
 * A progress bar: `<span class="track"><span class="fill"></span></span>` with `--uw-fraction`
 * (0–1) on the fill. The track's edge keeps 3:1 against the window so its length shows when empty.
 * The fill moves by transform alone (the compositor's work, no layout), with no transition: progress
 * is drawn once per frame, and a transition restarted on every update only made the bar lag.
 */
export const progressStyles = css`
  .track {
    display: block;
    block-size: 6px;
    border-radius: 3px;
    background: var(--uw-color-source-bg);
    box-shadow: inset 0 0 0 1px var(--uw-color-window-border);
    overflow: hidden;
  }
  .fill {
    display: block;
    block-size: 100%;
    inline-size: 100%;
    border-radius: inherit;
    transform: scaleX(var(--uw-fraction, 0));
    transform-origin: left;
    background: var(--uw-color-in-progress);
  }
  .fill:dir(rtl) {
    transform-origin: right;
  }
`;
