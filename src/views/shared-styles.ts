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
