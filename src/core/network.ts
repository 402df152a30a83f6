// Whether the browser is online, and a way to wait until it is. Requests that fail while the
// browser says it is offline wait here instead of spending their retries.

export interface NetworkWatch {
  offline(): boolean;
  /** Resolves once the browser is online again; rejects when `signal` aborts. */
  online(signal: AbortSignal): Promise<void>;
}

export class BrowserNetwork implements NetworkWatch {
  private waiters = new Set<() => void>();
  private readonly onOnline = () => {
    this.onChange(false);
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiting) wake();
  };
  private readonly onOffline = () => this.onChange(true);

  /** @param onChange told when the browser goes offline (true) or comes back (false) */
  constructor(private readonly onChange: (offline: boolean) => void) {
    globalThis.addEventListener?.('online', this.onOnline);
    globalThis.addEventListener?.('offline', this.onOffline);
  }

  offline(): boolean {
    return globalThis.navigator?.onLine === false;
  }

  online(signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      if (!this.offline()) return resolve();
      const wake = () => {
        signal.removeEventListener('abort', stop);
        resolve();
      };
      const stop = () => {
        this.waiters.delete(wake);
        reject(signal.reason);
      };
      this.waiters.add(wake);
      signal.addEventListener('abort', stop, { once: true });
    });
  }

  dispose(): void {
    globalThis.removeEventListener?.('online', this.onOnline);
    globalThis.removeEventListener?.('offline', this.onOffline);
  }
}
