// Which rows of a long list of rows of varying heights are on screen. A reactive controller: it
// watches the scroll container's position and size and asks its host to render again only when
// the first visible row changes, so scrolling within a row costs nothing. Rows are placed from a
// table of offsets (row i spans offsets[i] to offsets[i + 1]), which the host builds once per
// list (not per scroll); finding a row by position is a binary search.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface RowRange {
  /** First row to render (inclusive). */
  start: number;
  /** Row after the last one to render (exclusive). */
  end: number;
}

/** Row offsets: `n + 1` ascending numbers for `n` rows, the first 0, the last the list's height. */
export type RowOffsets = Readonly<ArrayLike<number>>;

/** The row at `y` (the last row whose top is at or above it); 0 for an empty list. */
function rowAt(offsets: RowOffsets, y: number): number {
  let low = 0;
  let high = Math.max(0, offsets.length - 2);
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (offsets[mid] <= y) low = mid;
    else high = mid - 1;
  }
  return low;
}

export class VirtualWindow implements ReactiveController {
  private scroller?: HTMLElement;
  private scrollTop = 0;
  private resizes?: ResizeObserver;
  private detached?: HTMLElement;
  private offsets: RowOffsets = [0];

  /**
   * @param overscan rows rendered beyond each edge, so Tab can step into the next row and a
   *   small scroll shows rows that already exist
   * @param viewportHeight the height assumed until the container is measured
   */
  constructor(
    private readonly host: ReactiveControllerHost,
    readonly overscan = 4,
    private viewportHeight = 480,
  ) {
    host.addController(this);
  }

  /** The rows' offsets (see RowOffsets); set before `range()` on every render. */
  setOffsets(offsets: RowOffsets): void {
    this.offsets = offsets;
  }

  /** Where row `index` starts, in CSS pixels from the list's top. */
  top(index: number): number {
    return this.offsets[index] ?? 0;
  }

  /** Row `index`'s height. */
  height(index: number): number {
    return (this.offsets[index + 1] ?? 0) - (this.offsets[index] ?? 0);
  }

  /**
   * Where the list is scrolled to and how tall its window is, as last seen by its scroll events and
   * resize observer: reading the container instead would force a layout on every render.
   */
  get seen(): { top: number; height: number } {
    return { top: this.scrollTop, height: this.viewportHeight };
  }

  /** The whole list's height. */
  get total(): number {
    return this.offsets[this.offsets.length - 1] ?? 0;
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

  /** The rows to render of the list the offsets describe. */
  range(): RowRange {
    const offsets = this.offsets;
    const count = offsets.length - 1;
    if (count <= 0) return { start: 0, end: 0 };
    const first = rowAt(offsets, this.scrollTop);
    const last = rowAt(offsets, this.scrollTop + this.viewportHeight);
    const start = Math.max(0, first - this.overscan);
    const end = Math.min(count, last + 1 + this.overscan);
    return { start, end: Math.max(start, end) };
  }

  /** Scrolls just enough for row `index` to be fully on screen; renders at once if it moved. */
  scrollToRow(index: number): void {
    const scroller = this.scroller;
    if (!scroller) return;
    const top = this.top(index);
    const bottom = top + this.height(index);
    if (top < scroller.scrollTop) this.scrollTo(top);
    else if (bottom > scroller.scrollTop + scroller.clientHeight) this.scrollTo(bottom - scroller.clientHeight);
  }

  /** Scrolls the list to `y`; renders at once if the rows on screen changed. */
  scrollTo(y: number): void {
    if (!this.scroller) return;
    this.scroller.scrollTop = y;
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
      const { start, end } = this.range();
      this.viewportHeight = height;
      // The container's first measure usually finds the rows already shown: no render (and layout) again.
      const now = this.range();
      if (now.start !== start || now.end !== end) this.host.requestUpdate();
    }
  }

  private readonly onScroll = (): void => {
    const top = this.scroller?.scrollTop ?? 0;
    const row = (y: number) => rowAt(this.offsets, y);
    const moved = row(top) !== row(this.scrollTop) || row(top + this.viewportHeight) !== row(this.scrollTop + this.viewportHeight);
    this.scrollTop = top;
    if (moved) this.host.requestUpdate();
  };
}
