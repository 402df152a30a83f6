// Work that may wait for the next frame: progress drawn and told once per frame, however many
// progress events the requests fire. A hidden page gets no frames: a timer stands in for them.

/** How long a hidden page waits instead of a frame. */
const HIDDEN_WAIT_MS = 250;

/** Runs `work` once, at the next animation frame (or after a short wait when none comes), however often it is asked for. */
export class FrameTask {
  /** The work waits for the frame. */
  private wanted = false;
  /**
   * A frame is asked for (and a timer stands in for it). Kept when the work runs early: asked again,
   * the work takes that frame, instead of a frame and a timer cancelled and asked for again each time
   * (per file, with a file's last progress told before its success).
   */
  private asked = false;
  private frame = 0;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly work: () => void) {}

  /** Asks for the work at the next frame; asked again before then, it still runs once. */
  schedule(): void {
    this.wanted = true;
    if (this.asked) return;
    this.asked = true;
    this.frame = requestAnimationFrame(this.came);
    this.timer = setTimeout(this.came, HIDDEN_WAIT_MS);
  }

  /** Runs the work now if it is waiting (before something that must come after it). */
  flush(): void {
    if (!this.wanted) return;
    this.wanted = false;
    this.work();
  }

  private readonly came = () => {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.timer);
    this.asked = false;
    this.flush();
  };
}

/** Resolves at the next animation frame (or after a short wait when none comes). */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => new FrameTask(resolve).schedule());
}
