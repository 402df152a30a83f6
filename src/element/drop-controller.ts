// The whole frame takes dropped files, not only the drop area: while files are dragged over it,
// `dragging` is true (the frame shows the drop hint), and a drop hands the files, folders
// expanded, to `take`. The drop area handles its own drops (and says so by preventDefault).
import type { ReactiveControllerHost } from 'lit';
import { filesFromDrop } from '../sources/read-drop.js';

export class DropController {
  dragging = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Whether drops are for the host now (not while cropping or disabled). */
    private readonly takes: () => boolean,
    private readonly take: (files: File[]) => void,
  ) {}

  private set(dragging: boolean) {
    if (dragging === this.dragging) return;
    this.dragging = dragging;
    this.host.requestUpdate();
  }

  readonly onDragOver = (e: DragEvent) => {
    if (!this.takes() || !e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    this.set(true);
  };

  /** Leaving a child for another child is not leaving the frame. */
  readonly onDragLeave = (e: DragEvent) => {
    const to = e.relatedTarget as Node | null;
    if (!to || !(e.currentTarget as Element).contains(to)) this.set(false);
  };

  readonly onDrop = async (e: DragEvent) => {
    this.set(false);
    if (e.defaultPrevented || !this.takes() || !e.dataTransfer) return;
    e.preventDefault();
    const files = await filesFromDrop(e.dataTransfer);
    if (files.length) this.take(files);
  };
}
