// Files pasted anywhere on the page (or a copied image) while the host takes them. Text pasted
// into a field stays text; clipboard images without a name of their own get one.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class PasteController implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    /** Whether pastes are for the host now (it is showing, not cropping, not disabled). */
    private readonly takes: () => boolean,
    private readonly take: (files: File[]) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('paste', this.onPaste);
  }

  hostDisconnected(): void {
    document.removeEventListener('paste', this.onPaste);
  }

  private readonly onPaste = (e: ClipboardEvent) => {
    if (!this.takes()) return;
    const target = e.composedPath()[0];
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return;
    const files = Array.from(e.clipboardData?.files ?? []);
    if (!files.length) return;
    e.preventDefault();
    this.take(
      files.map((f, i) =>
        f.name && f.name !== 'image.png' ? f : new File([f], `pasted-${Date.now()}-${i + 1}.${f.type.split('/')[1] || 'bin'}`, { type: f.type }),
      ),
    );
  };
}
