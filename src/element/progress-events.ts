// `upload-progress` goes out to the page at most once per file per frame: requests fire progress
// events far more often than anything can be shown, and each DOM event costs every listener on the
// page. The last value is always sent, and before any other event of the widget (so the page hears
// a file's 100 % before its `success`); `loaded` only grows, as the engine's does.
import type { EngineEventMap } from '../core/engine-events.js';
import { FrameTask } from './next-frame.js';

type Progress = EngineEventMap['upload-progress'];

export class ProgressEvents {
  private readonly waiting = new Map<string, Progress>();
  private readonly frame = new FrameTask(() => this.flush());

  constructor(private readonly send: (detail: Progress) => void) {}

  /** A progress event from the engine: kept as the file's latest, sent at the next frame. */
  add(detail: Progress): void {
    this.waiting.set(detail.id, detail);
    this.frame.schedule();
  }

  /** Sends what is waiting now (before another event, or as the frame comes). */
  flush(): void {
    // The frame asked for stays: it finds nothing waiting, and the next file's progress takes it.
    if (!this.waiting.size) return;
    const details = [...this.waiting.values()];
    this.waiting.clear();
    for (const detail of details) this.send(detail);
  }
}
