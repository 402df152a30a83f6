// Which rows of a long fixed-row-height list are on screen. A reactive controller: it watches the
// scroll container's position and size and asks its host to render again only when the first
// visible row changes, so scrolling within a row costs nothing.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface RowRange {
  /** First row to render (inclusive). */
  start: number;
  /** Row after the last one to render (exclusive). */
  end: number;
}

export class VirtualWindow implements ReactiveController {
  private scroller?: HTMLElement;
  private scrollTop = 0;
  private resizes?: ResizeObserver;
  private detached?: HTMLElement;

  /**
   * @param rowHeight every row's height in CSS pixels
   * @param overscan rows rendered beyond each edge, so Tab can step into the next row and a
   *   small scroll shows rows that already exist
   * @param viewportHeight the height assumed until the container is measured
   */
  constructor(
    private readonly host: ReactiveControllerHost,
    readonly rowHeight: number,
    readonly overscan = 4,
    private viewportHeight = 480,
  ) {
    host.addController(this);
  }

  /** Starts following a scroll container (call once it is rendered). */
  attach(scroller: HTMLElement): void {
    if (this.scroller === scroller) return;
    this.detach();
    this.scroller = scroller;
    scroller.addEventListener('scroll', this.onScroll, { passive: true });
    this.resizes = new ResizeObserver(() => this.measure());
    // The observer's first report, right after observe(), measures the container.
    this.resizes.observe(scroller);
  }

  hostConnected(): void {
    // A host moved in the page is disconnected and connected again: follow the same container.
    const scroller = this.detached;
    this.detached = undefined;
    if (scroller) this.attach(scroller);
  }

  hostDisconnected(): void {
    this.detached = this.scroller;
    this.detach();
  }

  /** The rows to render for a list of `count` rows. */
  range(count: number): RowRange {
    const first = Math.floor(this.scrollTop / this.rowHeight);
    const visible = Math.ceil(this.viewportHeight / this.rowHeight) + 1;
    const start = Math.max(0, Math.min(first, count - visible) - this.overscan);
    const end = Math.min(count, first + visible + this.overscan);
    return { start, end: Math.max(start, end) };
  }

  /**
   * Keyboard scrolling for the container itself (focused, not one of its buttons): arrows by a
   * row, Page Up/Down by a screen, Home/End to the ends. Returns whether it handled the key.
   */
  handleKey(event: KeyboardEvent): boolean {
    const scroller = this.scroller;
    if (!scroller || event.target !== scroller || event.altKey || event.ctrlKey || event.metaKey) return false;
    const page = Math.max(this.rowHeight, scroller.clientHeight - this.rowHeight);
    const moves: Record<string, number> = {
      ArrowDown: scroller.scrollTop + this.rowHeight,
      ArrowUp: scroller.scrollTop - this.rowHeight,
      PageDown: scroller.scrollTop + page,
      PageUp: scroller.scrollTop - page,
      Home: 0,
      End: scroller.scrollHeight,
    };
    const to = moves[event.key];
    if (to === undefined) return false;
    event.preventDefault();
    scroller.scrollTop = to;
    this.onScroll(); // render now rather than at the next scroll event
    return true;
  }

  private detach(): void {
    this.scroller?.removeEventListener('scroll', this.onScroll);
    this.resizes?.disconnect();
    this.resizes = undefined;
    this.scroller = undefined;
  }

  private measure(): void {
    const height = this.scroller?.clientHeight ?? 0;
    if (height > 0 && height !== this.viewportHeight) {
      this.viewportHeight = height;
      this.host.requestUpdate();
    }
  }

  private readonly onScroll = (): void => {
    const top = this.scroller?.scrollTop ?? 0;
    const row = (y: number) => Math.floor(y / this.rowHeight);
    const moved = row(top) !== row(this.scrollTop);
    this.scrollTop = top;
    if (moved) this.host.requestUpdate();
  };
}
