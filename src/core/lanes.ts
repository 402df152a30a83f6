// How many requests all files may have in flight together. A file always has one request of its
// own (the controller starts at most maxConcurrentUploads files); extra parallel chunks of a big
// file borrow lanes that no other file uses, so one huge file and many small ones share the wire
// instead of multiplying the connections (browsers queue beyond six per host).

export class RequestLanes {
  private borrowed = 0;
  private waiters: Array<() => void> = [];

  /** @param capacity total requests in flight; @param owned files that hold a request of their own now */
  constructor(
    private readonly capacity: () => number,
    private readonly owned: () => number,
  ) {}

  /** Takes a lane for an extra request if one is free. */
  tryBorrow(): boolean {
    if (this.owned() + this.borrowed >= this.capacity()) return false;
    this.borrowed++;
    return true;
  }

  giveBack(): void {
    this.borrowed = Math.max(0, this.borrowed - 1);
    this.changed();
  }

  /** Resolves the next time a lane may have come free (a borrowed one returned, or a file ended). */
  freed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Wakes everyone waiting for a lane; the controller calls it when a file ends. */
  changed(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const wake of waiting) wake();
  }
}
