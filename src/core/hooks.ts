// Calls a page-supplied function that answers through a callback or a returned Promise,
// and turns a throw, a rejection or silence into an error that names the hook.

export function callWithCallback<T>(invoke: (callback: (value?: T) => void) => unknown, timeoutMs: number, hookName: string): Promise<T | undefined> {
  return new Promise<T | undefined>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`${hookName} did not call back within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${timeoutMs / 1000} s`}.`))),
      timeoutMs,
    );
    const fail = (err: unknown) => finish(() => reject(new Error(`${hookName} failed: ${err instanceof Error ? err.message : String(err)}`)));
    try {
      const returned = invoke((value) => finish(() => resolve(value)));
      if (returned && typeof (returned as Promise<T>).then === 'function') {
        (returned as Promise<T>).then((value) => {
          // A Promise that resolves with nothing leaves the answer to the callback.
          if (value !== undefined) finish(() => resolve(value));
        }, fail);
      }
    } catch (err) {
      fail(err);
    }
  });
}
