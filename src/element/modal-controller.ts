// A modal widget lives in a native modal <dialog>: the top layer, the inert page behind it,
// Escape. This keeps the <dialog> open exactly while the host is shown, moves focus in as it
// opens and back where it was as it hides, keeps Tab inside, and turns Escape, a click on the
// backdrop and the browser closing the dialog into the host's own close requests.
import type { ReactiveController, ReactiveElement } from 'lit';
import { deepActiveElement, tabbables, trapTab } from '../views/focus-trap.js';

export interface ModalHost extends ReactiveElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface ModalBehaviour {
  /** Whether the host is a modal now (inline widgets have no dialog). */
  isModal(): boolean;
  /** Whether the frame is shown (not hidden, not minimized). */
  isShown(): boolean;
  /** Escape or a click on the backdrop: the host decides (it may ask first). */
  requestClose(): void;
  /** The browser closed the dialog by itself. */
  closed(): void;
}

export class ModalController implements ReactiveController {
  private returnFocusTo: Element | null = null;
  private wasShown = false;

  constructor(
    private readonly host: ModalHost,
    private readonly behaviour: ModalBehaviour,
  ) {
    host.addController(this);
  }

  private get dialog(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector('dialog');
  }

  /** Call as the host goes from hidden to shown: focus goes back here when it hides. */
  rememberFocus(): void {
    this.returnFocusTo = deepActiveElement();
  }

  /** Call as the host hides: focus goes back where it was before the modal opened. */
  restoreFocus(): void {
    const back = this.returnFocusTo;
    this.returnFocusTo = null;
    if (back instanceof HTMLElement) void this.host.updateComplete.then(() => back.focus());
  }

  hostUpdated(): void {
    const dialog = this.dialog;
    const shown = this.behaviour.isShown();
    if (dialog) {
      if (shown && !dialog.open) dialog.showModal();
      if (!shown && dialog.open) dialog.close();
      // Focus moves into a modal as it opens: to its first control after the title bar, once
      // the views inside have rendered theirs.
      if (shown && !this.wasShown) {
        void this.host.updateComplete.then(async () => {
          // The views inside render after the host: wait for theirs, then move focus once. Never to
          // the title bar's buttons; with nothing else to take it, the frame keeps it.
          const views = [...this.host.renderRoot.querySelectorAll('*')].filter((el) => 'updateComplete' in el) as unknown as ReactiveElement[];
          await Promise.all(views.map((v) => v.updateComplete));
          if (!dialog.open) return;
          const header = this.host.renderRoot.querySelector('header');
          tabbables(dialog)
            .find((el) => !header?.contains(el))
            ?.focus();
        });
      }
    }
    this.wasShown = shown;
  }

  /**
   * Tab stays inside. Escape is handled here, before the dialog turns it into a close request:
   * browsers that guard against pages trapping Escape (Firefox) close a dialog whose `cancel` was
   * already refused once, so a close question could not keep it open.
   */
  readonly onKeydown = (e: KeyboardEvent) => {
    const dialog = this.dialog;
    if (!dialog) return;
    trapTab(e, dialog);
    if (e.key === 'Escape' && !e.defaultPrevented) this.onCancel(e);
  };

  /** Escape (or another close request). */
  readonly onCancel = (e: Event) => {
    e.preventDefault();
    this.behaviour.requestClose();
  };

  /** The dialog's close event is queued: a hide() followed at once by show() must not be undone by it. */
  readonly onClose = () => {
    if (this.behaviour.isShown() && !this.dialog?.open) this.behaviour.closed();
  };

  /** A click on the dimmed frame around the dialog closes it, as on Cloudinary's. */
  readonly onBackdropClick = (e: MouseEvent) => {
    if (e.target === this.dialog) this.behaviour.requestClose();
  };
}
