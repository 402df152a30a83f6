// Whether the browser is offline, and a way to wait until it is back. Requests that fail while
// the browser says it is offline wait here instead of spending their retries.

export interface NetworkWatch {
  offline(): boolean;
  /** Resolves once the browser is online again; rejects when `signal` aborts. */
  online(signal: AbortSignal): Promise<void>;
}

export const browserNetwork: NetworkWatch = {
  offline: () => globalThis.navigator?.onLine === false,
  online: (signal) =>
    new Promise((resolve, reject) => {
      const done = (ok: boolean) => {
        removeEventListener('online', back);
        signal.removeEventListener('abort', stop);
        if (ok) resolve();
        else reject(signal.reason);
      };
      const back = () => done(true);
      const stop = () => done(false);
      if (signal.aborted) return stop();
      if (!browserNetwork.offline()) return back();
      addEventListener('online', back);
      signal.addEventListener('abort', stop);
    }),
};
