// One HTTP request, over XHR because fetch has no upload progress. upload-request.ts adds the
// engine's retries and offline wait around it.

export interface RequestSpec {
  url: string;
  /** 'POST' when absent. */
  method?: string;
  /** The bytes as they are (a file, or a slice of one), or a form holding them. */
  body?: Blob | FormData;
  headers?: Record<string, string>;
  onProgress?: (sentBytes: number) => void;
  signal?: AbortSignal;
  /** ms without upload progress or any answer after which the request is dropped as a network fault; 0: never. */
  silenceTimeout?: number;
}

/** What the server answered. */
export interface RequestAnswer {
  readonly status: number;
  /** The answer's text. */
  readonly body: string;
  /** One of the answer's headers (cross-origin, only those the server exposes); null when absent. */
  header(name: string): string | null;
}

/** An answer, or none: status 0 for a network fault, with `timedOut` when the server went silent. */
export interface SentAnswer extends RequestAnswer {
  readonly timedOut?: boolean;
}

/** Resolves with any HTTP answer or none (status 0); rejects only when aborted. */
export function send(spec: RequestSpec): Promise<SentAnswer> {
  return new Promise((resolve, reject) => {
    if (spec.signal?.aborted) return reject(spec.signal.reason);
    const xhr = new XMLHttpRequest();
    // A server that takes the request and never answers would leave the file at "100 %" forever.
    let lastSign = performance.now();
    let timedOut = false;
    const heard = () => (lastSign = performance.now());
    const limit = spec.silenceTimeout ?? 0;
    const watch =
      limit > 0
        ? setInterval(
            () => {
              if (performance.now() - lastSign < limit) return;
              timedOut = true;
              xhr.abort();
            },
            Math.min(1000, Math.max(50, limit / 4)),
          )
        : undefined;
    const body = spec.body;
    xhr.open(spec.method ?? 'POST', spec.url, true);
    for (const [k, v] of Object.entries(spec.headers ?? {})) xhr.setRequestHeader(k, v);
    const onAbort = () => xhr.abort();
    spec.signal?.addEventListener('abort', onAbort, { once: true });
    const settle = () => {
      clearInterval(watch);
      spec.signal?.removeEventListener('abort', onAbort);
    };
    const done = (timedOut?: boolean) => {
      settle();
      resolve({ status: xhr.status, body: xhr.responseText, header: (name) => xhr.getResponseHeader(name), timedOut });
    };
    // Bytes moving either way are the signs of life (not readystatechange: four more calls per request).
    xhr.onprogress = heard;
    if (spec.onProgress) {
      const report = spec.onProgress;
      // A form's envelope makes e.total a little larger than the bytes in it; report those bytes.
      let bodySize = 0;
      if (body instanceof Blob) bodySize = body.size;
      else
        body?.forEach((value) => {
          if (value instanceof Blob) bodySize += value.size;
        });
      xhr.upload.onprogress = (e) => {
        heard();
        report(e.lengthComputable && e.total > 0 ? Math.min(bodySize, Math.floor((e.loaded / e.total) * bodySize)) : 0);
      };
    } else {
      xhr.upload.onprogress = heard;
    }
    xhr.onload = xhr.onerror = xhr.ontimeout = () => done();
    xhr.onabort = () => {
      if (timedOut && !spec.signal?.aborted) return done(true);
      settle();
      reject(spec.signal?.reason ?? new DOMException('Aborted', 'AbortError'));
    };
    xhr.send(body);
  });
}
