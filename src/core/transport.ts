// One HTTP request to the upload API, over XHR because fetch has no upload progress.
import type { ApiAnswer } from './protocol.js';

export interface RequestSpec {
  url: string;
  fields: Record<string, string>;
  /** A file, or a slice of one for a chunk; absent when `fields.file` is a web address. */
  body?: Blob;
  fileName?: string;
  headers?: Record<string, string>;
  onProgress?: (sentBytes: number) => void;
  signal?: AbortSignal;
  /** ms without upload progress or any answer after which the request is dropped as a network fault; 0: never. */
  silenceTimeout?: number;
}

/**
 * Resolves with any HTTP answer (status 0 for a network fault, with `timedOut` when the server
 * went silent); rejects only when aborted.
 */
export function send(spec: RequestSpec): Promise<ApiAnswer> {
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
    const form = new FormData();
    for (const [k, v] of Object.entries(spec.fields)) form.append(k, v);
    // The file goes last: servers that stream the body see every parameter before the bytes.
    if (spec.body) form.append('file', spec.body, spec.fileName || 'blob');
    xhr.open('POST', spec.url, true);
    xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
    for (const [k, v] of Object.entries(spec.headers ?? {})) xhr.setRequestHeader(k, v);
    const onAbort = () => xhr.abort();
    spec.signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      clearInterval(watch);
      spec.signal?.removeEventListener('abort', onAbort);
    };
    xhr.onprogress = heard;
    xhr.onreadystatechange = heard;
    if (spec.onProgress) {
      const report = spec.onProgress;
      const bodySize = spec.body?.size ?? 0;
      // The multipart envelope makes e.total a little larger than the file; report file bytes.
      xhr.upload.onprogress = (e) => {
        heard();
        report(e.lengthComputable && e.total > 0 ? Math.min(bodySize, Math.floor((e.loaded / e.total) * bodySize)) : 0);
      };
    } else {
      xhr.upload.onprogress = heard;
    }
    xhr.onload = () => {
      done();
      resolve({ status: xhr.status, body: xhr.responseText });
    };
    xhr.onerror = xhr.ontimeout = () => {
      done();
      resolve({ status: 0, body: '' });
    };
    xhr.onabort = () => {
      done();
      if (timedOut && !spec.signal?.aborted) resolve({ status: 0, body: '', timedOut: true });
      else reject(spec.signal?.reason ?? new DOMException('Aborted', 'AbortError'));
    };
    xhr.send(form);
  });
}
