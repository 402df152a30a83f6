// Renders its host again when the engine's store changes. The host reads `state` as it renders: a
// new object after every change, so views below it re-render by lit's own checks.
// A busy queue changes hundreds of times a second (bytes move, files start and end): drawing each
// change, even once per frame, took a third of the main thread from the uploads. So the engine's
// changes are drawn at most every PACE_MS (Uppy recomputes its progress at most every 500 ms),
// except what answers a person (within a moment of a key or pointer press in the widget), the
// queue come to rest, and the first change after a quiet spell: those are drawn at the next frame.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { UploadController } from '../core/controller.js';
import type { QueueState } from '../core/store.js';

/** The engine's changes are drawn at most this often while it is busy. */
export const PACE_MS = 250;
/** After a key or pointer press in the widget, changes are drawn at once for this long. */
const ANSWER_MS = 1000;

type Host = ReactiveControllerHost & HTMLElement;

export class StoreController implements ReactiveController {
  private off?: () => void;
  private drawnAt = Number.NEGATIVE_INFINITY;
  private pressedAt = Number.NEGATIVE_INFINITY;
  private timer?: ReturnType<typeof setTimeout>;
  private waiting: Array<() => void> = [];

  /** `changed` hears every change but sent bytes at once, for what must not wait for a render (a form field's validity). */
  constructor(
    private readonly host: Host,
    readonly engine: UploadController,
    private readonly changed?: () => void,
  ) {
    host.addController(this);
  }

  get state(): QueueState {
    return this.engine.store.state;
  }

  /** The queue's counts and bytes, without the list (cheap after every change). */
  get totals(): QueueState['totals'] {
    return this.engine.store.totals;
  }

  /** Files waiting, preparing or uploading. */
  get unfinished(): number {
    return this.engine.store.count('queued', 'preparing', 'uploading');
  }

  /** Files waiting for the person's go (`autoUpload: false`), copies of other files not counted. */
  get held(): number {
    return this.totals.held;
  }

  /** Within a moment of a key or pointer press in the widget: its changes answer a person. */
  get answering(): boolean {
    return performance.now() - this.pressedAt < ANSWER_MS;
  }

  /** Resolves once the changes made so far are asked to be drawn (the host's update is then pending). */
  drawn(): Promise<void> {
    return this.timer === undefined ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }

  hostConnected(): void {
    this.off = this.engine.subscribe((_item, progressOnly) => {
      this.draw();
      if (!progressOnly) this.changed?.();
    });
    this.host.addEventListener('pointerdown', this.pressed, true);
    this.host.addEventListener('keydown', this.pressed, true);
    // Changes made while the host was away (moved into an inline container) show now.
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    this.drawnAt = performance.now();
    // This render drew every change so far: a paced one still waiting has nothing left to draw.
    this.release();
  }

  hostDisconnected(): void {
    this.off?.();
    this.off = undefined;
    this.host.removeEventListener('pointerdown', this.pressed, true);
    this.host.removeEventListener('keydown', this.pressed, true);
    this.release();
  }

  private readonly pressed = () => {
    this.pressedAt = performance.now();
  };

  private draw(): void {
    // At once: a person's action answered, or the queue come to rest (its end is what people wait for).
    const atOnce = this.answering || this.unfinished === 0;
    const wait = atOnce ? 0 : this.drawnAt + PACE_MS - performance.now();
    if (wait <= 0) {
      this.requestDraw();
      // A paced draw still waiting is this one.
      this.release();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.requestDraw();
      this.release();
    }, wait);
  }

  /** True while this controller asks its host to update (the host tells the engine's changes from others). */
  requesting = false;

  private requestDraw(): void {
    this.requesting = true;
    try {
      this.host.requestUpdate();
    } finally {
      this.requesting = false;
    }
  }

  private release(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}
