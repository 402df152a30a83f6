// Whether the widget shows: hidden, shown, or (a modal only) minimized to the bar at the bottom of
// the page; the `display-changed` event as it changes; the modal <dialog> (modal-controller.ts);
// and the question asked before closing while files upload, with focus going back after it.
import { msg } from '@lit/localize';
import { html, type ReactiveControllerHost } from 'lit';
import { fire } from '../dispatch.js';
import { loadPart } from '../lazy/load-part.js';
import { deepActiveElement } from '../views/focus-trap.js';
import { type ModalHost, ModalController } from './modal-controller.js';

export type Display = 'hidden' | 'shown' | 'minimized';

export interface DisplayHooks {
  isInline(): boolean;
  /** Escape or a click on the backdrop: the widget's close() (which may ask first). */
  close(quiet?: boolean): void;
  /** The frame is shown: what it needs next can load. */
  shown(): void;
  /** A lazy part did not load. */
  partFailed(e: unknown): void;
}

export class DisplayController {
  state: Display = 'hidden';
  /** The close question is showing. */
  asking = false;
  /** Where focus was when the close question appeared. */
  private focusBeforeQuestion: Element | null = null;
  readonly modal: ModalController;

  constructor(
    private readonly host: ModalHost & ReactiveControllerHost & EventTarget,
    private readonly hooks: DisplayHooks,
  ) {
    this.modal = new ModalController(host, {
      isModal: () => !hooks.isInline(),
      isShown: () => this.state === 'shown',
      // Escape on the close question means "keep open".
      requestClose: () => (this.asking ? this.keepOpen() : hooks.close()),
      closed: () => this.set('hidden'),
    });
  }

  set(display: Display): void {
    const previous = this.state;
    if (display === previous) return;
    const modal = !this.hooks.isInline();
    if (display === 'shown' && modal && previous === 'hidden') this.modal.rememberFocus();
    this.state = display;
    this.host.requestUpdate();
    // The minimized bar is a lazy part: fetched when the modal first shows, so it is here by the
    // time anyone minimizes; without it, the widget stays open (and says why).
    if (display !== 'hidden' && modal) {
      loadPart('minimized-bar').catch((e) => {
        if (this.state === 'minimized') this.set('shown');
        if (display === 'minimized') this.hooks.partFailed(e);
      });
    }
    if (display === 'shown') this.hooks.shown();
    const change = display === 'minimized' ? 'minimized' : display === 'hidden' ? 'hidden' : previous === 'minimized' ? 'expanded' : 'shown';
    fire(this.host, 'display-changed', change);
    if (display === 'hidden') {
      this.asking = false;
      this.modal.restoreFocus();
    }
  }

  /** Asks before closing while files upload: the question takes focus; its first answer is the safe one, Keep open. */
  ask(): void {
    if (!this.asking) this.focusBeforeQuestion = deepActiveElement();
    this.asking = true;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>('[data-confirm="keep"]')?.focus());
  }

  /** Leaves the close question; focus goes back where it was before (or to the queue). */
  readonly keepOpen = () => {
    this.asking = false;
    this.host.requestUpdate();
    const back = this.focusBeforeQuestion;
    this.focusBeforeQuestion = null;
    void this.host.updateComplete.then(() =>
      (back instanceof HTMLElement && back.isConnected ? back : this.host.renderRoot.querySelector<HTMLElement>('uw-queue'))?.focus(),
    );
  };

  renderQuestion() {
    if (!this.asking) return null;
    return html`<div class="confirm" role="alertdialog" aria-labelledby="uw-confirm-text">
      <p id="uw-confirm-text">${msg('Files are still uploading. Close anyway? Uploads go on in the background.')}</p>
      <button type="button" data-confirm="keep" @click=${this.keepOpen}>${msg('Keep open')}</button>
      <button type="button" class="primary" @click=${() => this.hooks.close(true)}>${msg('Close')}</button>
    </div>`;
  }
}
