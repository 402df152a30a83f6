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
   * @param rowHeight every row's height in CSS pixels (the host may change it, then render again)
   * @param overscan rows rendered beyond each edge, so Tab can step into the next row and a
   *   small scroll shows rows that already exist
   * @param viewportHeight the height assumed until the container is measured
   */
  constructor(
    private readonly host: ReactiveControllerHost,
    public rowHeight: number,
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

  /** Scrolls just enough for row `index` to be fully on screen; renders at once if it moved. */
  scrollToRow(index: number): void {
    const scroller = this.scroller;
    if (!scroller) return;
    const top = index * this.rowHeight;
    const bottom = top + this.rowHeight;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (bottom > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = bottom - scroller.clientHeight;
    else return;
    this.onScroll();
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
