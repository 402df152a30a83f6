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
}

/** Resolves with any HTTP answer (status 0 for a network fault); rejects only when aborted. */
export function send(spec: RequestSpec): Promise<ApiAnswer> {
  return new Promise((resolve, reject) => {
    if (spec.signal?.aborted) return reject(spec.signal.reason);
    const xhr = new XMLHttpRequest();
    const form = new FormData();
    for (const [k, v] of Object.entries(spec.fields)) form.append(k, v);
    // The file goes last: servers that stream the body see every parameter before the bytes.
    if (spec.body) form.append('file', spec.body, spec.fileName || 'blob');
    xhr.open('POST', spec.url, true);
    xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
    for (const [k, v] of Object.entries(spec.headers ?? {})) xhr.setRequestHeader(k, v);
    const onAbort = () => xhr.abort();
    spec.signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => spec.signal?.removeEventListener('abort', onAbort);
    if (spec.onProgress) {
      const report = spec.onProgress;
      const bodySize = spec.body?.size ?? 0;
      // The multipart envelope makes e.total a little larger than the file; report file bytes.
      xhr.upload.onprogress = (e) => report(e.lengthComputable && e.total > 0 ? Math.min(bodySize, (e.loaded / e.total) * bodySize) : 0);
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
      reject(spec.signal?.reason ?? new DOMException('Aborted', 'AbortError'));
    };
    xhr.send(form);
  });
}
