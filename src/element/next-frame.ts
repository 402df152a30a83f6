// Work that may wait for the next frame: progress drawn and told once per frame, however many
// progress events the requests fire. A hidden page gets no frames: a timer stands in for them.

/** How long a hidden page waits instead of a frame. */
const HIDDEN_WAIT_MS = 250;

/** Runs `work` once, at the next animation frame (or after a short wait when none comes), however often it is asked for. */
export class FrameTask {
  private frame = 0;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly work: () => void) {}

  /** Asks for the work at the next frame; asked again before then, it still runs once. */
  schedule(): void {
    if (this.timer !== undefined) return;
    this.frame = requestAnimationFrame(this.run);
    this.timer = setTimeout(this.run, HIDDEN_WAIT_MS);
  }

  /** Runs the work now if it is waiting (before something that must come after it). */
  flush(): void {
    if (this.timer !== undefined) this.run();
  }

  cancel(): void {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly run = () => {
    this.cancel();
    this.work();
  };
}

/** Resolves at the next animation frame (or after a short wait when none comes). */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => new FrameTask(resolve).schedule());
}
