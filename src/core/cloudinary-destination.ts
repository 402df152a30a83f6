// The first destination: Cloudinary's Upload API. Per file it builds the parameters (options,
// the item's overrides, `prepareUploadParams`), signs them (`uploadSignature`), and sends the file
// in one request or in chunks (upload-file.ts). What it keeps per file lets a paused upload go on
// from its acknowledged chunks, a stale signature be renewed, and the resume keeper carry an
// upload across a reload.
import { scaleCoordinates } from './crop.js';
import { type AuthorizedRequest, CancelledByHook, type Destination, type PreparedUpload, type PrepareTask, type UploadTask } from './destination.js';
import type { DestinationContext } from './engine-options.js';
import { callWithCallback } from './hooks.js';
import { randomHex } from './ids.js';
import { paramsFromOptions, readPrepared } from './params.js';
import { ProblemError } from './problems.js';
import { encodeParams, uploadEndpoint } from './protocol.js';
import { obtainSignature, unixTime } from './signing.js';
import { summarize } from './summary.js';
import type { QueueItem, UploadInfo } from './types.js';
import { UploadError } from './upload-error.js';
import { acknowledgedBytes, type FileUpload, uploadFile } from './upload-file.js';

/** Cloudinary's answer when a signature's timestamp is more than an hour old. */
const STALE_SIGNATURE = /^Stale request/i;

export class CloudinaryDestination implements Destination {
  readonly pausesGracefully = true;
  private readonly prepared = new Map<string, PreparedUpload>();
  /** Failed items retried: their parameters are asked for and signed again before they go on. */
  private readonly renewing = new Set<string>();

  constructor(private readonly host: DestinationContext) {}

  /** The parameters and their signature, ahead of the file's turn: the engine hands them back as `task.ready`. */
  prepare(task: PrepareTask): Promise<AuthorizedRequest> {
    return this.authorize(task.item, task.coordinateScale);
  }

  async upload(task: UploadTask): Promise<UploadInfo> {
    const { item } = task;
    const o = this.host.options;
    let prepared = this.prepared.get(item.id);
    if (!prepared) {
      // Prepared ahead: nothing waits between the engine's go and the first request.
      const request = (task.ready as AuthorizedRequest | undefined) ?? (await this.authorize(item, task.coordinateScale));
      const point = this.host.resume.take(item.id) ?? { uploadId: randomHex(16), chunkSize: o.maxChunkSize, acknowledged: [] };
      prepared = { body: task.body, fileName: task.fileName, coordinateScale: task.coordinateScale, ...request, ...point };
      this.prepared.set(item.id, prepared);
    } else if (this.renewing.delete(item.id)) {
      const fresh = await this.authorize(item, task.coordinateScale);
      // Other parameters (a hook that answers differently now) make another upload: from zero.
      const same = fresh.url === prepared.url && sameUpload(fresh.fields, prepared.fields);
      Object.assign(prepared, fresh, same ? {} : { uploadId: randomHex(16), acknowledged: [] });
    }
    if (task.signal.aborted) throw task.signal.reason;
    if (task.pause?.aborted) throw task.pause.reason;
    const kept = prepared;
    const job: FileUpload = {
      ...kept,
      parallelChunks: o.maxConcurrentChunks,
      lanes: this.host.lanes,
      network: this.host.network,
      maxRetries: o.maxRetries,
      requestTimeout: o.requestTimeout,
      signal: task.signal,
      pause: task.pause,
      onProgress: task.progress,
      onAcknowledged: (acknowledged) => {
        kept.acknowledged = acknowledged;
        this.host.resume.acknowledge(item.id, acknowledged);
      },
      onRetry: task.retried,
    };
    if (kept.body && kept.body.size > kept.chunkSize) this.host.resume.keep(item, kept);
    const info = await this.send(item, kept, job, task);
    this.prepared.delete(item.id);
    return info;
  }

  stored(id: string): number {
    const p = this.prepared.get(id);
    return p?.body ? acknowledgedBytes(p.body.size, p.chunkSize, p.acknowledged) : 0;
  }

  forget(id: string): void {
    this.prepared.delete(id);
    this.renewing.delete(id);
  }

  renew(id: string): void {
    if (this.prepared.has(id)) this.renewing.add(id);
  }

  /**
   * The parameters, from the options, the item's overrides and the page's hooks, with their
   * signature. Runs again when a signature goes stale; throws CancelledByHook when a hook drops the file.
   */
  private async authorize(item: QueueItem, coordinateScale: number): Promise<AuthorizedRequest> {
    const o = this.host.options;
    let resourceType: string = o.encryption ? 'raw' : o.resourceType;
    let params = paramsFromOptions(o, item.overrides);
    // Crop coordinates were measured on the original: they follow a downscaled image's size.
    if (coordinateScale !== 1) {
      for (const key of ['custom_coordinates', 'face_coordinates']) {
        if (typeof params[key] === 'string') params[key] = scaleCoordinates(params[key] as string, coordinateScale);
      }
    }
    let signed = false;

    if (o.prepareUploadParams) {
      const hook = o.prepareUploadParams;
      const offered = { ...params };
      // The file's description rides along without being enumerable, so it is neither sent nor signed.
      Object.defineProperty(offered, 'file', { value: { name: item.name, size: item.size, type: item.type }, enumerable: false });
      const answer = await callWithCallback<unknown>((cb) => hook(cb, offered), o.hookTimeout, 'prepareUploadParams');
      const chosen = (Array.isArray(answer) ? answer[0] : answer) as Record<string, unknown> | undefined;
      if (chosen?.cancel) throw new CancelledByHook('prepareUploadParams');
      const { params: extra, ignored } = readPrepared(chosen ?? {});
      if (ignored.length) console.warn(`[upload-widget] prepareUploadParams may not set: ${ignored.join(', ')} (ignored).`);
      if (typeof extra.resource_type === 'string') resourceType = extra.resource_type;
      delete extra.resource_type;
      params = { ...params, ...extra };
      signed = typeof params.signature === 'string';
    } else if (o.uploadSignature) {
      if (!o.apiKey) throw new ProblemError({ code: 'missing-api-key' });
      params.timestamp = typeof o.uploadSignature === 'string' ? o.uploadSignatureTimestamp : unixTime();
      if (params.timestamp === undefined) throw new ProblemError({ code: 'missing-signature-timestamp' });
      params.signature = await obtainSignature(o.uploadSignature, params, o.hookTimeout);
      params.api_key = o.apiKey;
      signed = true;
    }
    if (!signed && !params.upload_preset) throw new ProblemError({ code: 'nothing-to-authorize' });
    if (!o.cloudName) throw new ProblemError({ code: 'missing-cloud-name' });
    const fields = encodeParams(params);
    if (typeof item.source === 'string') fields.file = item.source;
    return { url: uploadEndpoint(o.uploadPrefix, o.cloudName, resourceType), fields };
  }

  /**
   * Sends the file; when the server calls the signature stale (a long pause, a slow gigabyte),
   * signs again and goes on from the last acknowledged chunk, once per stale answer.
   */
  private async send(item: QueueItem, prepared: PreparedUpload, job: FileUpload, task: UploadTask): Promise<UploadInfo> {
    for (;;) {
      try {
        return await uploadFile(job);
      } catch (err) {
        // The server no longer knows an upload it acknowledged chunks of (expired, or restarted
        // without its data): it starts again from zero under a new id, and says so.
        if (err instanceof UploadError && err.code === 'unknown-upload' && prepared.acknowledged.length && !job.signal.aborted) {
          Object.assign(prepared, { uploadId: randomHex(16), acknowledged: [] });
          Object.assign(job, { uploadId: prepared.uploadId, acknowledged: [] });
          this.host.emit('upload-restarted', { file: summarize(item) });
          this.host.resume.restarted(item, prepared);
          continue;
        }
        const stale = err instanceof UploadError && err.status === 401 && STALE_SIGNATURE.test(err.message);
        if (!stale || job.signal.aborted) throw err;
        const fresh = await this.authorize(item, prepared.coordinateScale);
        // A fixed signature string cannot be renewed: the stale answer stands.
        if (fresh.fields.signature === job.fields.signature) throw err;
        Object.assign(prepared, fresh);
        Object.assign(job, fresh, { acknowledged: prepared.acknowledged });
        task.retried();
      }
    }
  }
}

/** Whether two requests make the same upload: every field but the signature and its timestamp (the server's rule for chunks). */
function sameUpload(a: Record<string, string>, b: Record<string, string>): boolean {
  const rest = (fields: Record<string, string>) =>
    JSON.stringify(
      Object.entries(fields)
        .filter(([k]) => k !== 'signature' && k !== 'timestamp')
        .sort(([x], [y]) => (x < y ? -1 : 1)),
    );
  return rest(a) === rest(b);
}
