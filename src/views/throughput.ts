// Upload speed and time left for the whole batch, from samples of bytes sent. A smoothed rate
// (exponential moving average over about five seconds) so the estimate does not jump with every
// progress event, and no estimate at all until there is enough to go on.

/** How long, in ms, a sample keeps half its weight. */
const HALF_LIFE_MS = 2000;
/** Below this much time of data the rate is a guess: none is given. */
const WARM_UP_MS = 1000;

export class Throughput {
  private last?: { at: number; bytes: number };
  private since = 0;
  private rate = 0;

  /** Records that `bytes` (a running total) had been sent at `now` ms. */
  sample(bytes: number, now: number): void {
    const last = this.last;
    if (!last || bytes < last.bytes) {
      // First sample, or the total went down (a retry restarted a file): start again.
      this.last = { at: now, bytes };
      this.since = now;
      this.rate = 0;
      return;
    }
    const dt = now - last.at;
    if (dt < 100) return;
    const instant = ((bytes - last.bytes) / dt) * 1000;
    const weight = 1 - 0.5 ** (dt / HALF_LIFE_MS);
    this.rate = this.rate ? this.rate + weight * (instant - this.rate) : instant;
    this.last = { at: now, bytes };
  }

  /** Bytes per second, or undefined while warming up or idle. */
  bytesPerSecond(now: number): number | undefined {
    if (!this.last || now - this.since < WARM_UP_MS || this.rate <= 0) return undefined;
    return this.rate;
  }

  /** Seconds until `remaining` bytes are sent at the current rate, or undefined. */
  secondsLeft(remaining: number, now: number): number | undefined {
    const rate = this.bytesPerSecond(now);
    return rate ? remaining / rate : undefined;
  }

  reset(): void {
    this.last = undefined;
    this.rate = 0;
  }
}
