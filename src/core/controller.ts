// UploadController: the store and the batch lifecycle. It validates files, runs the page's
// hooks, prepares each file (downscale, encryption, parameters, signature), hands it to
// uploadFile within the concurrency limit, and reports what happens as Cloudinary's events.
// Headless: no lit, no DOM rendering; the element and tests drive it the same way.
import { DEFAULT_OPTIONS, type WidgetOptions } from '../options.js';
import type { FileSummary, WidgetEventMap, WidgetEventName } from '../events.js';
import { scaleCoordinates } from './crop.js';
import { kindOf } from './file-kind.js';
import { callWithCallback } from './hooks.js';
import { paramsFromOptions, readPrepared } from './params.js';
import { encodeParams, uploadEndpoint } from './protocol.js';
import { Queue, summarize } from './queue.js';
import { RequestLanes } from './lanes.js';
import { randomHex } from './ids.js';
import { browserNetwork } from './network.js';
import { mayHaveKeptUploads } from './resume-mark.js';
import { DEFAULT_RETRY } from './retry.js';
import { obtainSignature, unixTime } from './signing.js';
import { SETTLED, type QueueItem, type UploadInfo, type UploadParamOverrides } from './types.js';
import type { ResumeKeeper } from './resume-keeper.js';
import { acknowledgedBytes, uploadFile, UploadError, type FileUpload } from './upload-file.js';
import { checkDimensions, checkFormatAndSize } from './validate.js';
import { type DescribeProblem, type Problem, ProblemError } from './problems.js';

/** What the controller loads on first use (the element passes its lazy parts; tests import directly). */
export interface ControllerServices {
  loadResumeKeeper?: () => Promise<{ ResumeKeeper: typeof ResumeKeeper }>;
  /** The image and encryption work (./image-work.ts), loaded when the dimension rules, downscaling or encryption first need it. */
  loadImageWork?: () => Promise<typeof import('./image-work.js')>;
  /** Words a problem for the events and the queue (the core has no words of its own); without it, the problem's code. */
  describe?: DescribeProblem;
}

/** Where an upload restored from an earlier page stands. */
export interface ResumePoint {
  uploadId: string;
  chunkSize: number;
  acknowledged: readonly number[];
}

export type ControllerListener = <K extends WidgetEventName>(name: K, detail: WidgetEventMap[K]) => void;

/** Why an upload's AbortController fired. */
const PAUSE = 'pause';
const ABORT = 'abort';

/** @internal What a file needs to be sent again without asking the hooks twice (resume after pause). */
export interface PreparedUpload extends AuthorizedRequest, PreparedBody {
  uploadId: string;
  /** Fixed when the upload starts: acknowledged chunks are counted in it. */
  chunkSize: number;
  /** Starts of the chunks the server acknowledged. */
  acknowledged: readonly number[];
}

/** The bytes to send, after downscaling and encryption. */
export interface PreparedBody {
  body?: Blob;
  fileName: string;
  /** How much a downscale shrank the image, for crop coordinates. */
  coordinateScale: number;
}

/** Where to send the file and the signed (or preset) parameters that go with it. */
export interface AuthorizedRequest {
  url: string;
  fields: Record<string, string>;
}

/** Cloudinary's answer when a signature's timestamp is more than an hour old. */
const STALE_SIGNATURE = /^Stale request/i;

let idCounter = 0;
const newId = (prefix: string) => `${prefix}${(++idCounter).toString(36)}${Math.random().toString(36).slice(2, 7)}`;

export class UploadController {
  readonly queue = new Queue();
  /** The browser is offline: uploads wait for the network (views say so). */
  offline = globalThis.navigator?.onLine === false;
  private imageWorkLoad?: Promise<typeof import('./image-work.js')>;
  /** @internal the options in force (read by the resume keeper) */
  options: WidgetOptions;
  private readonly listeners = new Set<ControllerListener>();
  private readonly changeListeners = new Set<(item?: QueueItem) => void>();
  private readonly aborts = new Map<string, AbortController>();
  private readonly prepared = new Map<string, PreparedUpload>();
  private readonly needsDownscale = new Set<string>();
  private active = 0;
  /** Requests in flight across files: big files' extra chunks use what small files leave. */
  private readonly lanes = new RequestLanes(
    () => Math.max(this.options.maxConcurrentUploads, this.options.maxConcurrentChunks),
    () => this.active,
  );
  /** Items since the last queues-start, for queues-end's `files`. */
  private run: Set<QueueItem> | undefined;

  /** @internal uploads restored from an earlier page, by item id, until they start again */
  readonly resumePoints = new Map<string, ResumePoint>();
  /** Keeps chunked uploads for resuming after a reload: a lazy part, loaded when first needed. */
  private keeper?: ResumeKeeper;
  private keeperLoad?: Promise<ResumeKeeper | undefined>;

  constructor(
    options: Partial<WidgetOptions> = {},
    private readonly services: ControllerServices = {},
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    globalThis.addEventListener?.('online', () => this.networkChanged(false));
    globalThis.addEventListener?.('offline', () => this.networkChanged(true));
  }

  setOptions(options: Partial<WidgetOptions>): void {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    this.pump();
  }

  /** Cloudinary-named events: upload-added, queues-start, success, error, queues-end, … */
  on(listener: ControllerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Store changes for views: the item that changed, or undefined when the list itself changed. */
  subscribe(listener: (item?: QueueItem) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  get items(): readonly QueueItem[] {
    return this.queue.items;
  }

  /** Adds a batch of local files or web addresses; returns the new items (refused ones included). */
  async addFiles(sources: Array<File | string>, overrides: UploadParamOverrides = {}): Promise<QueueItem[]> {
    const o = this.options;
    const batchId = newId('b');
    const items: QueueItem[] = [];
    const limit = o.multiple ? (o.maxFiles ?? Infinity) : 1;
    // The same file picked again for an upload restored from an earlier page: it goes on there.
    sources = sources.filter((source) => typeof source === 'string' || !this.keeper?.reattach(source));
    if (!sources.length) return items;
    for (const source of sources) {
      const isUrl = typeof source === 'string';
      const name = isUrl ? urlName(source) : source.name;
      const type = isUrl ? '' : source.type;
      const item: QueueItem = {
        id: newId('f'),
        batchId,
        source,
        name,
        size: isUrl ? 0 : source.size,
        type,
        kind: kindOf(name, type),
        status: 'preparing',
        uploadedBytes: 0,
        totalBytes: isUrl ? 0 : source.size,
        retries: 0,
        overrides: { ...overrides },
      };
      if (items.length >= limit) {
        item.error = this.describe({ code: 'too-many-files', name, limit });
        item.status = 'refused';
      } else if (!isUrl) {
        const problem = checkFormatAndSize(item, o);
        if (problem) {
          item.error = this.describe(problem);
          item.status = 'refused';
        }
      }
      items.push(item);
      this.queue.add(item);
      this.emit('upload-added', { file: summarize(item), publicId: o.publicId });
    }
    this.changed();
    for (const item of items) if (item.status === 'refused') this.emit('error', { message: item.error!, file: summarize(item) });

    const accepted = items.filter((i) => i.status === 'preparing');
    await Promise.all(accepted.map((item) => this.checkImage(item)));
    const going = accepted.filter((i) => i.status === 'preparing');
    if (!going.length) {
      this.settleIfIdle();
      return items;
    }
    if (o.preBatch) {
      const preBatch = o.preBatch;
      try {
        const answer = await callWithCallback<{ cancel?: boolean }>(
          (cb) => preBatch(cb, { files: going.map((i) => ({ name: i.name, size: i.size, type: i.type })) }),
          o.hookTimeout,
          'preBatch',
        );
        if (answer?.cancel) {
          for (const item of going) this.queue.setStatus(item, 'cancelled');
          this.changed();
          this.emit('batch-cancelled', { reason: 'preBatch', files: going.map(summarize) });
          this.settleIfIdle();
          return items;
        }
      } catch (err) {
        const message = (err as Error).message;
        for (const item of going) this.fail(item, message);
        this.settleIfIdle();
        return items;
      }
    }
    // Files aborted while the hook ran stay aborted.
    for (const item of going) if (item.status === 'preparing') this.queue.setStatus(item, 'queued');
    this.changed();
    this.pump();
    return items;
  }

  /** Re-runs failed or aborted files (all of them when no id is given). */
  retry(id?: string): void {
    const targets = this.select(id, (i) => i.status === 'failed' || i.status === 'aborted');
    for (const item of targets) {
      this.prepared.delete(item.id); // a fresh signature and timestamp
      item.error = undefined;
      item.uploadedBytes = 0;
      item.retries = 0;
      this.queue.setStatus(item, 'queued');
    }
    if (!targets.length) return;
    this.emit('retry', { ids: targets.map((i) => i.id), all: id === undefined });
    this.changed();
    this.pump();
  }

  /** Stops files for good (all unfinished ones when no id is given). */
  abort(id?: string): void {
    const targets = this.select(id, (i) => !SETTLED.has(i.status));
    for (const item of targets) {
      this.keeper?.forget(item.id);
      this.prepared.delete(item.id);
      this.aborts.get(item.id)?.abort(ABORT);
      this.queue.setStatus(item, 'aborted');
    }
    if (!targets.length) return;
    this.emit('abort', { ids: targets.map((i) => i.id), all: id === undefined });
    this.changed();
    this.settleIfIdle();
  }

  /** Pauses files; a chunked upload later resumes from its last acknowledged chunk. */
  pause(id?: string): void {
    const targets = this.select(id, (i) => ['queued', 'preparing', 'uploading'].includes(i.status));
    for (const item of targets) {
      this.aborts.get(item.id)?.abort(PAUSE);
      // Bytes in flight are lost; progress falls back to what the server acknowledged.
      item.uploadedBytes = this.acknowledgedBytes(item);
      this.queue.setStatus(item, 'paused');
    }
    if (!targets.length) return;
    this.emit('pause', { ids: targets.map((i) => i.id) });
    this.changed();
    this.settleIfIdle();
  }

  resume(id?: string): void {
    const targets = this.select(id, (i) => i.status === 'paused' && !i.waitingForFile);
    for (const item of targets) this.queue.setStatus(item, 'queued');
    if (!targets.length) return;
    this.emit('resume', { ids: targets.map((i) => i.id) });
    this.changed();
    this.pump();
  }

  /** Takes a finished, failed, refused or aborted file off the list. */
  remove(id: string): void {
    const item = this.queue.get(id);
    if (!item || !SETTLED.has(item.status)) return;
    this.keeper?.forget(id);
    this.queue.remove(id);
    this.prepared.delete(id);
    this.changed();
  }

  /** Per-file values (public ID, tags, crop coordinates) that override the options' parameters. */
  setOverrides(id: string, overrides: UploadParamOverrides): void {
    const item = this.queue.get(id);
    if (item) Object.assign(item.overrides, overrides);
  }

  private select(id: string | undefined, when: (i: QueueItem) => boolean): QueueItem[] {
    if (id !== undefined) {
      const item = this.queue.get(id);
      return item && when(item) ? [item] : [];
    }
    return this.queue.items.filter(when);
  }

  /** Image rules that need the pixels: refuse, or mark for downscaling. */
  private async checkImage(item: QueueItem): Promise<void> {
    const o = this.options;
    const wantsSize = o.minImageWidth || o.minImageHeight || o.maxImageWidth || o.maxImageHeight;
    if (!wantsSize || item.kind !== 'image' || typeof item.source === 'string') return;
    // Without the image work (its part did not load) or a picture it can decode (HEIC, PSD…), the server decides.
    const size = await this.imageWork().then(
      ({ imageSize }) => imageSize(item.source as File),
      () => undefined,
    );
    if (!size) return;
    const verdict = checkDimensions(item, size.width, size.height, o);
    if (verdict.reason) {
      item.error = this.describe(verdict.reason);
      this.queue.setStatus(item, 'refused');
      this.changed(item);
      this.emit('error', { message: item.error, file: summarize(item) });
    } else if (verdict.downscale) {
      this.needsDownscale.add(item.id);
    }
  }

  /** @internal */
  pump(): void {
    while (this.active < this.options.maxConcurrentUploads) {
      const item = this.queue.nextWaiting();
      if (!item) break;
      if (!this.run) {
        this.run = new Set();
        this.emit('queues-start', {});
      }
      this.run.add(item);
      this.active++;
      void this.upload(item).finally(() => {
        this.active--;
        this.lanes.changed();
        this.pump();
        this.settleIfIdle();
      });
    }
  }

  private async upload(item: QueueItem): Promise<void> {
    const controller = new AbortController();
    this.aborts.set(item.id, controller);
    this.queue.setStatus(item, 'preparing');
    this.changed(item);
    try {
      const prepared = this.prepared.get(item.id) ?? (await this.prepare(item));
      if (!prepared) return; // cancelled by prepareUploadParams
      if (controller.signal.aborted) throw controller.signal.reason;
      this.prepared.set(item.id, prepared);
      this.queue.setStatus(item, 'uploading');
      this.changed(item);
      const job: FileUpload = {
        ...prepared,
        parallelChunks: this.options.maxConcurrentChunks,
        lanes: this.lanes,
        network: browserNetwork,
        retry: { ...DEFAULT_RETRY, maxRetries: this.options.maxRetries },
        requestTimeout: this.options.requestTimeout,
        signal: controller.signal,
        onProgress: (sent) => {
          item.uploadedBytes = sent;
          this.changed(item);
          const total = item.totalBytes;
          this.emit('upload-progress', { id: item.id, loaded: sent, total, progress: total ? Math.round((sent / total) * 100) : 0 });
        },
        onAcknowledged: (acknowledged) => {
          prepared.acknowledged = acknowledged;
          this.keeper?.acknowledge(item.id, acknowledged);
        },
        onRetry: () => {
          item.retries++;
        },
      };
      if (prepared.body && prepared.body.size > prepared.chunkSize) void this.resumeKeeper().then((k) => k?.keep(item, prepared));
      const info = await this.send(item, prepared, job);
      this.prepared.delete(item.id);
      item.uploadInfo = info;
      item.uploadedBytes = item.totalBytes;
      this.queue.setStatus(item, 'done');
      this.changed(item);
      this.emit('success', successInfo(item, info));
    } catch (err) {
      const reason = controller.signal.aborted ? controller.signal.reason : undefined;
      if (reason === PAUSE) {
        item.uploadedBytes = this.acknowledgedBytes(item);
      } else if (reason === ABORT) {
        this.queue.setStatus(item, 'aborted');
      } else {
        const code = err instanceof UploadError ? err.code : undefined;
        const name = item.name;
        const problem: Problem =
          code === 'timeout'
            ? { code: 'server-timeout', name }
            : code === 'not-a-result'
              ? { code: 'not-a-result', name }
              : err instanceof UploadError && err.status === 0
                ? { code: 'server-unreachable', name }
                : { code: 'upload-failed', name, message: err instanceof ProblemError ? this.describe(err.problem) : (err as Error).message };
        this.fail(item, this.describe(problem), err instanceof UploadError ? err.status : undefined);
      }
      this.changed(item);
    } finally {
      this.aborts.delete(item.id);
      if (SETTLED.has(item.status)) this.keeper?.forget(item.id);
    }
  }

  /** Everything that happens once per file before its bytes go out. */
  private async prepare(item: QueueItem): Promise<PreparedUpload | undefined> {
    const body = await this.prepareBody(item);
    const request = await this.authorize(item, body.coordinateScale);
    if (!request) return undefined;
    const point = this.resumePoints.get(item.id) ?? { uploadId: randomHex(16), chunkSize: this.options.maxChunkSize, acknowledged: [] };
    this.resumePoints.delete(item.id);
    return { ...body, ...request, ...point };
  }

  private async prepareBody(item: QueueItem): Promise<PreparedBody> {
    const o = this.options;
    if (typeof item.source === 'string') return { fileName: item.name, coordinateScale: 1 };
    let file = item.source;
    let coordinateScale = 1;
    const shrink = this.needsDownscale.has(item.id);
    if (shrink || o.encryption) {
      const { downscale, encryptFile, imageSize } = await this.imageWork();
      if (shrink) {
        const before = await imageSize(file);
        file = await downscale(file, o.maxImageWidth, o.maxImageHeight);
        const after = await imageSize(file);
        if (before && after) coordinateScale = after.width / before.width;
      }
      if (o.encryption) file = await encryptFile(file, o.encryption);
    }
    item.totalBytes = file.size;
    return { body: file, fileName: file.name, coordinateScale };
  }

  /**
   * The parameters, from the options, the item's overrides and the page's hooks, with their
   * signature. Runs again when a signature goes stale; undefined when a hook cancelled the file.
   */
  private async authorize(item: QueueItem, coordinateScale: number): Promise<AuthorizedRequest | undefined> {
    const o = this.options;
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
      if (chosen?.cancel) {
        this.queue.setStatus(item, 'cancelled');
        this.emit('batch-cancelled', { reason: 'prepareUploadParams', files: [summarize(item)] });
        return undefined;
      }
      const { params: extra, ignored } = readPrepared(chosen ?? {});
      if (ignored.length) console.warn(`[upload-widget] prepareUploadParams may not set: ${ignored.join(', ')} (ignored).`);
      if (typeof extra.resource_type === 'string') resourceType = extra.resource_type;
      delete extra.resource_type;
      params = { ...params, ...extra };
      signed = typeof params.signature === 'string';
    } else if (o.uploadSignature) {
      if (!o.apiKey) throw new ProblemError({ code: 'missing-api-key' });
      params.timestamp = typeof o.uploadSignature === 'string' ? o.uploadSignatureTimestamp : unixTime();
      if (params.timestamp === undefined) {
        throw new ProblemError({ code: 'missing-signature-timestamp' });
      }
      params.signature = await obtainSignature(o.uploadSignature, params, o.hookTimeout);
      params.api_key = o.apiKey;
      signed = true;
    }
    if (!signed && !params.upload_preset) {
      throw new ProblemError({ code: 'nothing-to-authorize' });
    }
    if (!o.cloudName) throw new ProblemError({ code: 'missing-cloud-name' });
    const fields = encodeParams(params);
    if (typeof item.source === 'string') fields.file = item.source;
    return { url: uploadEndpoint(o.uploadPrefix, o.cloudName, resourceType), fields };
  }

  /**
   * Sends the file; when the server calls the signature stale (a long pause, a slow gigabyte),
   * signs again and goes on from the last acknowledged chunk, once per stale answer.
   */
  private async send(item: QueueItem, prepared: PreparedUpload, job: FileUpload): Promise<UploadInfo> {
    for (;;) {
      try {
        return await uploadFile(job);
      } catch (err) {
        // The server no longer knows a resumed upload: the keeper starts it again under a new id.
        if (err instanceof UploadError && err.code === 'unknown-upload' && this.keeper?.restart(item, prepared, job)) continue;
        const stale = err instanceof UploadError && err.status === 401 && STALE_SIGNATURE.test(err.message);
        if (!stale || job.signal.aborted) throw err;
        const fresh = await this.authorize(item, prepared.coordinateScale);
        // A fixed signature string cannot be renewed: the stale answer stands.
        if (!fresh || fresh.fields.signature === job.fields.signature) throw err;
        Object.assign(prepared, fresh);
        Object.assign(job, fresh, { acknowledged: prepared.acknowledged });
        item.retries++;
      }
    }
  }

  /** The image and encryption work, loaded once. */
  private imageWork(): Promise<typeof import('./image-work.js')> {
    const load = this.services.loadImageWork;
    if (!load) return Promise.reject(new Error('the dimension rules, downscaling and encryption need the loadImageWork service'));
    return (this.imageWorkLoad ??= load());
  }

  /** The resume keeper, loaded on first use; undefined when resuming is off or impossible here. */
  private resumeKeeper(): Promise<ResumeKeeper | undefined> {
    const load = this.services.loadResumeKeeper;
    if (!this.options.autoResume || !load || typeof indexedDB > 'u') return Promise.resolve(undefined);
    return (this.keeperLoad ??= load().then(
      (m) => (this.keeper = new m.ResumeKeeper(this)),
      () => undefined,
    ));
  }

  /**
   * Brings back this widget's unfinished uploads from an earlier page (the element calls it once):
   * kept files go on at once, the others wait for the person to pick the same file again.
   */
  async restore(): Promise<void> {
    if (mayHaveKeptUploads()) await (await this.resumeKeeper())?.restore();
  }

  /** Bytes of the item the server has acknowledged: where a paused upload stands. */
  private acknowledgedBytes(item: QueueItem): number {
    const p = this.prepared.get(item.id);
    return p?.body ? acknowledgedBytes(p.body.size, p.chunkSize, p.acknowledged) : 0;
  }

  /** While offline, uploads wait (their requests fail and hold); they go on by themselves when it returns. */
  private networkChanged(offline: boolean): void {
    this.offline = offline;
    const ids = this.queue.items.filter((i) => i.status === 'uploading' || i.status === 'preparing' || i.status === 'queued').map((i) => i.id);
    this.changed();
    if (ids.length) this.emit(offline ? 'network-lost' : 'network-restored', { ids });
  }

  /** A problem in words, through the host's `describe` service. */
  private describe(problem: Problem): string {
    return this.services.describe?.(problem) ?? problem.code;
  }

  private fail(item: QueueItem, message: string, status?: number): void {
    item.error = message;
    this.queue.setStatus(item, 'failed');
    this.changed(item);
    this.emit('error', { message, file: summarize(item), ...(status ? { status } : {}) });
  }

  /** queues-end once nothing is waiting, preparing or uploading. */
  private settleIfIdle(): void {
    if (!this.run || this.active > 0 || this.queue.count('queued', 'preparing', 'uploading') > 0) return;
    const files: FileSummary[] = [...this.run].map(summarize);
    this.run = undefined;
    this.emit('queues-end', { files });
  }

  /** @internal */
  changed(item?: QueueItem): void {
    for (const listener of this.changeListeners) listener(item);
  }

  /** @internal */
  emit<K extends WidgetEventName>(name: K, detail: WidgetEventMap[K]): void {
    for (const listener of this.listeners) listener(name, detail);
  }
}

function urlName(url: string): string {
  try {
    const path = new URL(url).pathname;
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || url;
  } catch {
    return url;
  }
}

/** Cloudinary's success info: the server's answer plus the widget's own fields. */
function successInfo(item: QueueItem, info: UploadInfo): WidgetEventMap['success'] {
  const thumbnail = info.resource_type === 'image' ? info.secure_url.replace('/upload/', '/upload/c_limit,h_60,w_90/') : undefined;
  return {
    ...info,
    id: item.id,
    batchId: item.batchId,
    path: `v${info.version}/${info.public_id}${info.format ? `.${info.format}` : ''}`,
    thumbnail_url: thumbnail,
  };
}
