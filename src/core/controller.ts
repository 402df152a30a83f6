// UploadController: the engine. It validates files, runs the page's batch hook, prepares each
// file's bytes (downscale, encryption), hands it to the destination within the concurrency limit,
// and reports what happens as Cloudinary's events. The queue lives in its store (store.ts), whose
// items are replaced, never changed. Headless: no lit, no DOM rendering, no words of its own; the
// element and tests drive it the same way.
import { CancelledByHook, type Destination, type ResumePoint } from './destination.js';
import type { EngineEventMap, EngineEventName, FileSummary } from './engine-events.js';
import { type DestinationContext, ENGINE_DEFAULTS, type EngineOptions } from './engine-options.js';
import { extensionOf } from './file-kind.js';
import { DuplicateFinder } from './duplicates.js';
import type { FileChecks } from './file-hash.js';
import type { ImageWork } from './image-work.js';
import { callWithCallback } from './hooks.js';
import { RequestLanes } from './lanes.js';
import { type Readied, readied, stillFits } from './ready-ahead.js';
import { type DescribeProblem, type Problem, ProblemError } from './problems.js';
import type { KeeperHost, ResumeKeeper } from './resume-keeper.js';
import { browserNetwork } from './network.js';
import { newId, newItem } from './queue-item.js';
import { isUploadResult, thumbnailUrl } from './protocol.js';
import { mayHaveKeptUploads } from './resume-mark.js';
import { type ItemPatch, QueueStore, type StoreListener } from './store.js';
import { summarize } from './summary.js';
import { type ItemStatus, SETTLED, type QueueItem, type UploadInfo, type UploadParamOverrides } from './types.js';
import { asUploadError, UploadError } from './upload-error.js';
import { checkDimensions, checkFormatAndSize } from './validate.js';

export type { ResumePoint };

/** What the controller loads on first use (the element passes its lazy parts; tests import directly). */
export interface ControllerServices {
  loadResumeKeeper?: () => Promise<{ ResumeKeeper: typeof ResumeKeeper }>;
  /** The image and encryption work (./image-work.ts), loaded when the dimension rules, downscaling or encryption first need it. */
  loadImageWork?: () => Promise<ImageWork>;
  /** Words a problem for the events and the queue (the core has no words of its own); without it, the problem's code. */
  describe?: DescribeProblem;
  /** The Cloudinary destination (./cloudinary-destination.ts), loaded with the first file unless the `destination` option names another. */
  loadCloudinary?: () => Promise<typeof import('./cloudinary-destination.js')>;
  /** Hashes and compares files (./file-hash.ts), loaded when a file is first verified or may be a copy of another: without it, neither happens. */
  loadFileHash?: () => Promise<FileChecks>;
  /** The `metaFields` work (./meta-fields.ts), loaded when files with fields go. */
  loadMetaFields?: () => Promise<typeof import('./meta-fields.js')>;
}

/** One listener per event name, typed by it. */
export type EngineListener<K extends EngineEventName> = (detail: EngineEventMap[K]) => void;
/** A listener for every event: the element forwards them all as DOM events. */
export type AnyEngineListener = <K extends EngineEventName>(name: K, detail: EngineEventMap[K]) => void;

/** Why an upload's AbortController fired. */
const PAUSE = 'pause';
const ABORT = 'abort';

/** The bytes to send, after downscaling and encryption. */
interface PreparedBody {
  body?: Blob;
  fileName: string;
  /** How much a downscale shrank the image, for crop coordinates. */
  coordinateScale: number;
}

/** upload-added events in one task: a bigger batch is announced a slice per task. */
const ANNOUNCED_AT_ONCE = 500;
/** Files whose hash is still wanted (to verify, or to tell copies, as a copy or as an original); the others' waiting hashes are dropped. */
const WANTS_HASH: ReadonlySet<ItemStatus> = new Set(['held', 'queued', 'preparing', 'uploading', 'paused', 'done']);

/** A file made ready before its turn: its bytes, and what the destination's `prepare` resolved. */
interface ReadyFile {
  body: PreparedBody;
  ready?: unknown;
}

/** Formats whose Exif or XMP may say where a photo was taken, and that `removeLocation` edits: JPEG and HEIF (HEIC, AVIF). */
const LOCATION_TYPES = /^image\/(jpeg|pjpeg|heic|heif|heic-sequence|heif-sequence|avif)$/;
const LOCATION_EXTENSIONS = new Set(['jpg', 'jpeg', 'jpe', 'jfif', 'heic', 'heif', 'hif', 'avif']);
const mayCarryLocation = (item: QueueItem) => LOCATION_TYPES.test(item.type) || (!item.type && LOCATION_EXTENSIONS.has(extensionOf(item.name)));

/** Images a canvas redraws faithfully for `imageFormat` (not animations, not vector drawings). */
const REDRAWABLE = /^image\/(jpeg|png|webp|bmp|avif)$/;
/** HEIC and HEIF: written as `imageFormat` when a site asks for it (many systems still read no HEIC), even when bigger. */
const HEIF = /^image\/hei[cf]$/;

export class UploadController {
  /** The queue: `store.state` is what views render; `subscribe` tells them when it changed. */
  readonly store = new QueueStore(globalThis.navigator?.onLine === false);
  private imageWorkLoad?: Promise<ImageWork>;
  /** The options in force (`setOptions` changes them). */
  options: EngineOptions;
  private readonly listeners = new Set<AnyEngineListener>();
  private readonly aborts = new Map<string, AbortController>();
  /** Per upload in flight: a graceful pause (the destination finishes the requests under way, starts no other). */
  private readonly pausers = new Map<string, AbortController>();
  /** Prepared bytes, kept across a pause so a resume does not downscale or encrypt again. */
  private readonly bodies = new Map<string, PreparedBody>();
  /** Items added and not announced yet (upload-added), in the order they came, with the batch's publicId. */
  private readonly unannounced = new Map<string, string | undefined>();
  /** The next files' bytes and request, made ready while others upload, by item id. */
  private readonly ahead = new Map<string, Readied<ReadyFile>>();
  private readonly needsDownscale = new Set<string>();
  /** Files added twice (`checkDuplicates`). */
  private readonly duplicates = new DuplicateFinder();
  /**
   * MD5s by blob, with the files that asked for each: a file hashed to find its copies is not hashed
   * again to verify its upload, and a hash no file in the queue still wants is dropped before it is computed.
   */
  private readonly hashes = new WeakMap<Blob, { md5: Promise<string | undefined>; askers: Set<string> }>();
  private checksLoad?: Promise<FileChecks>;
  private active = 0;
  /** Requests in flight across files: big files' extra chunks use what small files leave. */
  private readonly lanes = new RequestLanes(
    () => Math.max(this.options.maxConcurrentUploads, this.options.maxConcurrentChunks),
    () => this.active,
  );
  /**
   * The items of the current run (since the queue was last idle), for queues-end's `files`: the
   * last item seen, for ones removed since. Refused files join it too, so a batch of only refused
   * files still ends with queues-end; queues-start fires only when an upload really starts.
   */
  private run: Map<string, QueueItem> | undefined;
  /** Whether queues-start has fired for the current run. */
  private runStarted = false;

  /** Uploads restored from an earlier page, by item id, until they start again. */
  private readonly resumePoints = new Map<string, ResumePoint>();
  /** Keeps chunked uploads for resuming after a reload: a lazy part, loaded when first needed. */
  private keeper?: ResumeKeeper;
  private keeperLoad?: Promise<ResumeKeeper | undefined>;
  private cloudinary?: Destination;
  private cloudinaryLoad?: Promise<Destination>;
  /** The destination the `destination` option's function made, and that function. */
  private made?: { from: (context: DestinationContext) => Destination; destination: Destination };
  private contextMade?: DestinationContext;

  constructor(
    options: Partial<EngineOptions> = {},
    private readonly services: ControllerServices = {},
  ) {
    this.options = { ...ENGINE_DEFAULTS, ...options };
    globalThis.addEventListener?.('online', () => this.networkChanged(false));
    globalThis.addEventListener?.('offline', () => this.networkChanged(true));
  }

  setOptions(options: Partial<EngineOptions>): void {
    this.options = { ...ENGINE_DEFAULTS, ...options };
    this.ahead.clear();
    this.pump();
  }

  /** Every event, by name (the element forwards them all); returns the unsubscribe function. */
  onAny(listener: AnyEngineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One event, typed by its name: `on('success', (info) => …)`. Returns the unsubscribe function. */
  on<K extends EngineEventName>(name: K, listener: EngineListener<K>): () => void {
    return this.onAny((n, detail) => {
      if ((n as string) === name) listener(detail as EngineEventMap[K]);
    });
  }

  /** Store changes for views: the item that changed (undefined when the list itself changed), and whether only its sent bytes moved. */
  subscribe(listener: StoreListener): () => void {
    return this.store.subscribe(listener);
  }

  /** The queue's items, in order: a frozen array, replaced when anything changes. */
  get items(): readonly QueueItem[] {
    return this.store.state.items;
  }

  /** The browser is offline: uploads wait for the network (views say so). */
  get offline(): boolean {
    return this.store.state.offline;
  }

  /** Where files go: the `destination` option, else Cloudinary's Upload API, made like any other from the engine's context. */
  private destination(): Promise<Destination> {
    const own = this.ownDestination;
    if (own) return Promise.resolve(own);
    const load = this.services.loadCloudinary;
    if (!load) return Promise.reject(new Error('no destination: give the `destination` option or the loadCloudinary service'));
    return (this.cloudinaryLoad ??= load().then((m) => (this.cloudinary = new m.CloudinaryDestination(this.context))));
  }

  /** The `destination` option's destination (made once from its function). */
  private get ownDestination(): Destination | undefined {
    const own = this.options.destination;
    if (typeof own !== 'function') return own;
    if (this.made?.from !== own) this.made = { from: own, destination: own(this.context) };
    return this.made.destination;
  }

  /** The destination in force, if it is here already (pause and removal ask it what it kept). */
  private get loadedDestination(): Destination | undefined {
    return this.ownDestination ?? this.cloudinary;
  }

  /** The engine as a destination sees it. */
  private get context(): DestinationContext {
    const engine = this;
    return (this.contextMade ??= {
      get options() {
        return engine.options;
      },
      lanes: this.lanes,
      network: browserNetwork,
      emit: (name, detail) => this.emit(name, detail),
      resume: {
        take: (id) => {
          const point = this.resumePoints.get(id);
          this.resumePoints.delete(id);
          return point;
        },
        keep: (item, upload) => void this.resumeKeeper().then((k) => k?.keep(item, upload)),
        acknowledge: (id, acknowledged) => void this.keeper?.acknowledge(id, acknowledged),
        restarted: (item, upload) => this.keeper?.restarted(item, upload),
      },
    });
  }

  /**
   * Adds a batch of local files or web addresses; returns the new items (refused ones included).
   * `each` adds parameters to single files, by position (a crop for each picture of a batch).
   */
  async addFiles(
    sources: Array<File | string>,
    overrides: UploadParamOverrides = {},
    each?: ReadonlyArray<UploadParamOverrides | undefined>,
  ): Promise<QueueItem[]> {
    const o = this.options;
    const batchId = newId('b');
    const limit = o.multiple ? (o.maxFiles ?? Infinity) : 1;
    // The same file picked again for an upload restored from an earlier page: it goes on there.
    const own = new Map(each?.flatMap((params, i) => (params ? [[sources[i], Object.freeze({ ...overrides, ...params })] as const] : [])));
    sources = sources.filter((source) => typeof source === 'string' || !this.keeper?.reattach(source));
    if (!sources.length) return [];
    // Fetched while the files are checked and the batch hook runs, so the first upload does not wait.
    this.destination().catch(() => {});
    // One frozen copy for the whole batch, and files go straight to the queue when nothing has to
    // run first: a folder of 100,000 files makes 100,000 items, not three times as many.
    const shared = Object.freeze({ ...overrides });
    const checksPixels = this.checksPixels();
    // Held files wait for the person's go (and, with fields to fill in, for their values); the batch hook runs then (upload()), not now.
    const hold = !o.autoUpload || !!o.metaFields?.length;
    const waits = checksPixels || (!hold && !!o.preBatch);
    const made = sources.map((source, index): QueueItem => {
      const item = newItem(source, batchId, { status: waits ? 'preparing' : hold ? 'held' : 'queued', overrides: own.get(source) ?? shared });
      const { name, type } = item;
      const problem: Problem | undefined =
        index >= limit ? { code: 'too-many-files', name, limit } : typeof source === 'string' ? undefined : checkFormatAndSize(item, o);
      if (!problem) return item;
      return {
        ...item,
        status: 'refused',
        error: this.describe(problem),
        ...(problem.code === 'file-too-large' && REDRAWABLE.test(type) ? { fixable: true } : {}),
      };
    });
    // Files the size of one added before may be its copy: they wait (preparing) until hashed.
    const suspects = o.checkDuplicates && this.services.loadFileHash ? this.duplicates.note(made.filter((i) => i.status !== 'refused')) : new Set<string>();
    const fresh = suspects.size ? made.map((i): QueueItem => (suspects.has(i.id) ? { ...i, status: 'preparing' } : i)) : made;
    // One change for the whole batch: a folder of 100,000 files is one copy of the list, not 100,000.
    const items = this.store.add(fresh);
    this.joinRun(items.filter((i) => i.status === 'refused'));
    const announcing = this.announce(items, o.publicId);

    if (!waits) {
      this.pump();
      await announcing;
      // The others are on their way; each possible copy follows once hashed, unless it is a copy.
      if (suspects.size)
        await this.holdCopies(
          items.filter((i) => suspects.has(i.id)),
          (item) => {
            this.store.patch(item.id, { status: hold ? 'held' : 'queued' });
            this.pump();
          },
        );
      this.settleIfIdle();
      return suspects.size ? this.latest(items) : items;
    }
    await announcing;
    const accepted = items.filter((i) => i.status === 'preparing');
    if (checksPixels) await Promise.all(accepted.map((item) => this.checkImage(item)));
    if (suspects.size) await this.holdCopies(accepted.filter((i) => suspects.has(i.id)));
    const going = accepted.filter((i) => this.store.get(i.id)?.status === 'preparing');
    if (going.length && hold) this.patchAll(going, { status: 'held' });
    if (!going.length || hold) {
      this.settleIfIdle();
      return this.latest(items);
    }
    await this.launch(going);
    return this.latest(items);
  }

  /**
   * Shows files stored before (a record's files, from the form's value) as done: nothing is sent,
   * no event fires; they can be removed like any finished file. Returns their items.
   */
  addStored(files: ReadonlyArray<{ name: string; info: UploadInfo }>): QueueItem[] {
    if (!files.length) return [];
    const batchId = newId('b');
    return this.store.add(
      files.map(({ name, info }) =>
        newItem(info.secure_url, batchId, {
          name,
          size: info.bytes ?? 0,
          kind: info.resource_type === 'image' || info.resource_type === 'video' ? info.resource_type : 'raw',
          status: 'done',
          overrides: {},
          uploadInfo: info,
        }),
      ),
    );
  }

  /**
   * Starts the files that wait for the person's go (`autoUpload: false`): one of them, or all when
   * no id is given, as one batch: `preBatch` runs for them now.
   */
  async upload(id?: string): Promise<void> {
    // A copy of a file already added goes only when asked for by its id ("Upload anyway").
    const targets = this.select(id, (i) => i.status === 'held' && (id !== undefined || !i.duplicateOf));
    const fields = this.options.metaFields;
    const meta = fields?.length && targets.length ? await this.services.loadMetaFields?.() : undefined;
    // A file without a required value stays, saying which (its row shows the field).
    const going = meta
      ? this.latest(targets).filter((item) => {
          const [missing] = item.status === 'held' ? meta.missingFields(fields!, item) : [];
          if (!missing) return item.status === 'held';
          const waiting = this.store.patch(item.id, { error: this.describe({ code: 'meta-missing', name: item.name, field: missing.label }) })!;
          this.emit('error', { message: waiting.error!, file: summarize(waiting) });
          return false;
        })
      : targets;
    if (!going.length) return;
    this.patchAll(going, (item) => ({
      status: 'preparing',
      duplicateOf: undefined,
      ...(meta ? { overrides: meta.withMeta(fields!, item, this.options) } : {}),
    }));
    await this.launch(this.latest(going));
  }

  /** What the person filled in for a file (`metaFields`), over what it had; a reason it waited for a value goes. */
  setMeta(id: string, values: Readonly<Record<string, string>>): void {
    const item = this.store.get(id);
    if (item) this.store.patch(id, { meta: { ...item.meta, ...values }, ...(item.status === 'held' ? { error: undefined } : {}) });
  }

  /**
   * Makes a picture refused for its bytes or its pixels (`fixable`) fit the limits, keeping its
   * aspect ratio, and sends it as a batch of its own (`preBatch` runs), or holds it for the go. A
   * picture that cannot be made to fit is refused again, saying so.
   */
  async fit(id: string): Promise<void> {
    const item = this.store.get(id);
    if (!item?.fixable || item.status !== 'refused' || typeof item.source === 'string' || !this.services.loadImageWork) return;
    const o = this.options;
    this.store.patch(id, { status: 'preparing', error: undefined, fixable: undefined });
    const byteLimits = [o.maxFileSize, o.maxImageFileSize].filter((n): n is number => !!n);
    const maxBytes = byteLimits.length ? Math.min(...byteLimits) : undefined;
    const fitted = await this.imageWork()
      .then(({ fitImage }) => fitImage(item.source as File, { maxWidth: o.maxImageWidth, maxHeight: o.maxImageHeight, maxBytes }))
      .catch(() => undefined);
    if (this.store.get(id)?.status !== 'preparing') return;
    if (!fitted) {
      const refused = this.store.patch(id, { status: 'refused', error: this.describe({ code: 'image-cannot-fit', name: item.name, maxBytes }) })!;
      this.emit('error', { message: refused.error!, file: summarize(refused) });
      this.joinRun([refused]);
      this.settleIfIdle();
      return;
    }
    const ready = this.store.patch(id, { source: fitted, name: fitted.name, type: fitted.type, size: fitted.size, totalBytes: fitted.size })!;
    if (!o.autoUpload) {
      this.store.patch(id, { status: 'held' });
      return;
    }
    await this.launch([ready]);
  }

  /** Files checked and preparing: the batch hook runs for them, then they wait their turn to upload. */
  private async launch(going: readonly QueueItem[]): Promise<void> {
    const o = this.options;
    if (o.preBatch) {
      const preBatch = o.preBatch;
      try {
        const answer = await callWithCallback<{ cancel?: boolean }>(
          (cb) => preBatch(cb, { files: going.map((i) => ({ name: i.name, size: i.size, type: i.type })) }),
          o.hookTimeout,
          'preBatch',
        );
        if (answer?.cancel) {
          this.patchAll(going, { status: 'cancelled' });
          this.joinRun(going);
          this.emit('batch-cancelled', { reason: 'preBatch', files: this.latest(going).map(summarize) });
          this.settleIfIdle();
          return;
        }
      } catch (err) {
        const message = (err as Error).message;
        for (const item of going) this.fail(item.id, message);
        this.joinRun(going);
        this.settleIfIdle();
        return;
      }
    }
    // Files aborted while the hook ran stay aborted.
    this.patchAll(
      going.filter((i) => this.store.get(i.id)?.status === 'preparing'),
      { status: 'queued' },
    );
    this.pump();
  }

  /** Re-runs failed or aborted files (all of them when no id is given). */
  retry(id?: string): void {
    // A file whose content the server refused would get the same answer: it is not retried.
    const targets = this.select(id, (i) => (i.status === 'failed' && !i.rejected) || i.status === 'aborted');
    if (!targets.length) return;
    // Signed again; a chunked upload goes on from its acknowledged chunks under the same id.
    for (const item of targets) this.loadedDestination?.renew?.(item.id);
    this.patchAll(targets, (item) => ({ status: 'queued', error: undefined, uploadedBytes: this.storedBytes(item.id), retries: 0 }));
    this.emit('retry', { ids: targets.map((i) => i.id), all: id === undefined });
    this.pump();
  }

  /** Stops files for good (all unfinished ones when no id is given). */
  abort(id?: string): void {
    const targets = this.select(id, (i) => !SETTLED.has(i.status));
    if (!targets.length) return;
    for (const item of targets) {
      this.keeper?.forget(item.id);
      this.forgetUpload(item.id);
      this.aborts.get(item.id)?.abort(ABORT);
    }
    this.patchAll(targets, { status: 'aborted' });
    this.emit('abort', { ids: targets.map((i) => i.id), all: id === undefined });
    this.settleIfIdle();
  }

  /**
   * Pauses files. A chunked upload pauses gracefully: no new chunk starts, the chunks in flight
   * finish and are kept (the item shows `pausing` meanwhile), and it later resumes from its
   * acknowledged chunks. Progress never goes back.
   */
  pause(id?: string): void {
    const targets = this.select(id, (i) => ['queued', 'preparing', 'uploading'].includes(i.status) && !i.pausing);
    if (!targets.length) return;
    const draining = targets.filter((i) => i.status === 'uploading' && this.pausers.has(i.id));
    for (const item of targets) {
      const drain = item.status === 'uploading' ? this.pausers.get(item.id) : undefined;
      if (drain) drain.abort(PAUSE);
      else this.aborts.get(item.id)?.abort(PAUSE);
    }
    this.patchAll(targets, (item) => (draining.includes(item) ? { pausing: true } : { status: 'paused' }));
    this.emit('pause', { ids: targets.map((i) => i.id) });
    this.settleIfIdle();
  }

  resume(id?: string): void {
    const targets = this.select(id, (i) => i.status === 'paused' && !i.waitingForFile);
    if (!targets.length) return;
    this.patchAll(targets, { status: 'queued' });
    this.emit('resume', { ids: targets.map((i) => i.id) });
    this.pump();
  }

  /** Takes a finished, failed, refused or aborted file off the list, or one waiting for the go. */
  remove(id: string): void {
    const item = this.store.get(id);
    if (!item || !(SETTLED.has(item.status) || item.status === 'held')) return;
    this.keeper?.forget(id);
    this.forgetUpload(id);
    this.store.remove(id);
    // The last file waiting for the go may have been all that kept the queue from its end.
    if (item.status === 'held') this.settleIfIdle();
  }

  /**
   * Moves a file to `to` in the queue (an index in `items`): the order of the list, of the files
   * still waiting to upload, and of the form value.
   */
  move(id: string, to: number): void {
    this.store.move(id, to);
  }

  /** Per-file values (public ID, tags, crop coordinates) that override the options' parameters. */
  setOverrides(id: string, overrides: UploadParamOverrides): void {
    const item = this.store.get(id);
    if (item) this.store.patch(id, { overrides: { ...item.overrides, ...overrides } });
  }

  private select(id: string | undefined, when: (i: QueueItem) => boolean): QueueItem[] {
    if (id !== undefined) {
      const item = this.store.get(id);
      return item && when(item) ? [item] : [];
    }
    return this.store.filter(when);
  }

  /** The same items as they stand now in the store (removed ones as they were last). */
  private latest(items: readonly QueueItem[]): QueueItem[] {
    return items.map((i) => this.store.get(i.id) ?? i);
  }

  /** Patches items in one store change. */
  private patchAll(items: readonly QueueItem[], patch: ItemPatch | ((item: QueueItem) => ItemPatch)): void {
    this.store.batch(() => {
      for (const item of items) this.store.patch(item.id, typeof patch === 'function' ? patch(item) : patch);
    });
  }

  /** Whether the options have image rules that need the pixels (dimensions, downscaling). */
  private checksPixels(): boolean {
    const o = this.options;
    return !!(o.minImageWidth || o.minImageHeight || o.maxImageWidth || o.maxImageHeight);
  }

  /** Image rules that need the pixels: refuse, or mark for downscaling. */
  private async checkImage(item: QueueItem): Promise<void> {
    if (item.kind !== 'image' || typeof item.source === 'string') return;
    const o = this.options;
    // Without the image work (its part did not load) or a picture it can decode (HEIC, PSD…), the server decides.
    const size = await this.imageWork().then(
      ({ imageSize }) => imageSize(item.source as File),
      () => undefined,
    );
    if (!size) return;
    const verdict = checkDimensions(item, size.width, size.height, o);
    if (verdict.reason) {
      const fixable = verdict.reason.code === 'image-too-large' && REDRAWABLE.test(item.type);
      const refused = this.store.patch(item.id, { status: 'refused', error: this.describe(verdict.reason), ...(fixable ? { fixable } : {}) });
      if (refused) this.emit('error', { message: refused.error!, file: summarize(refused) });
      if (refused) this.joinRun([refused]);
    } else if (verdict.downscale) {
      this.needsDownscale.add(item.id);
    }
  }

  /**
   * Holds the files among `items` (preparing) that have the same bytes as one added before: they
   * wait for "Upload anyway" or Remove. Each of the others is handed to `release` as soon as it is
   * known not to be a copy (or, without `release`, stays preparing).
   */
  private async holdCopies(items: readonly QueueItem[], release?: (item: QueueItem) => void): Promise<void> {
    const get = (id: string) => this.store.get(id);
    const decide = (item: QueueItem, original: QueueItem | undefined) => {
      if (get(item.id)?.status !== 'preparing') return;
      if (original) this.store.patch(item.id, { status: 'held', duplicateOf: { id: original.id, name: original.name } });
      else release?.(item);
    };
    const checks = await this.fileChecks().catch(() => undefined);
    if (checks) await checks.sortCopies(items, this.duplicates.bySize, get, (m) => this.hashOf(m.source, m.id), decide);
    else for (const item of items) decide(item, undefined);
  }

  /** The hashing part, loaded once. */
  private fileChecks(): Promise<FileChecks> {
    const load = this.services.loadFileHash;
    return load ? (this.checksLoad ??= load()) : Promise.reject(new Error('no loadFileHash service'));
  }

  /**
   * A blob's MD5 for the file `id`, once per blob; undefined when it cannot be hashed (no hasher, an
   * unreadable file), or when no file that asked for it is still in the queue as its turn comes
   * (removed, aborted: a later ask hashes it afresh).
   */
  private hashOf(blob: Blob, id: string): Promise<string | undefined> {
    const known = this.hashes.get(blob);
    if (known) {
      known.askers.add(id);
      return known.md5;
    }
    const askers = new Set([id]);
    const wanted = () =>
      [...askers].some((asker) => {
        const status = this.store.get(asker)?.status;
        return status !== undefined && WANTS_HASH.has(status);
      });
    const md5 = this.fileChecks()
      .then((checks) => checks.md5(blob, wanted))
      .catch((e: unknown) => {
        if ((e as Error)?.name === 'AbortError' && this.hashes.get(blob)?.md5 === md5) this.hashes.delete(blob);
        return undefined;
      });
    this.hashes.set(blob, { md5, askers });
    return md5;
  }

  private pump(): void {
    while (this.active < this.options.maxConcurrentUploads) {
      const item = this.store.nextWaiting();
      if (!item) break;
      // Its upload-added first (a big batch is still being announced).
      this.announceThrough(item.id);
      if (!this.runStarted) {
        this.runStarted = true;
        this.emit('queues-start', {});
      }
      this.joinRun([item]);
      this.active++;
      let released = false;
      // The lane goes to the next file as soon as this one's request is answered.
      const release = () => {
        if (released) return;
        released = true;
        this.active--;
        this.lanes.changed();
        this.pump();
      };
      void this.uploadItem(item.id, release).finally(() => {
        release();
        this.settleIfIdle();
      });
    }
    // The next files get ready while these upload: two per lane, so a site's slow signing (40 ms a
    // file) keeps up with small files (60 files: 0.63-0.68 s with one per lane, 0.44-0.56 s with two).
    for (const next of this.store.peekWaiting(2 * this.options.maxConcurrentUploads)) {
      if (!this.ahead.has(next.id) && !this.bodies.has(next.id) && !this.resumePoints.has(next.id))
        this.ahead.set(next.id, readied(next, this.options, this.readyAhead(next)));
    }
  }

  /**
   * upload-added for each item, then error for each refused one. A big batch is announced a slice
   * per task, so the page draws between (10,000 files took 20 ms of events in the pick's task); a
   * file is announced before it starts (announceThrough) and the queue ends after every announcement.
   */
  private async announce(items: readonly QueueItem[], publicId: string | undefined): Promise<void> {
    for (const item of items) this.unannounced.set(item.id, publicId);
    for (let i = 0; i < items.length; ) {
      if (i) await new Promise((resolve) => setTimeout(resolve));
      for (const end = i + ANNOUNCED_AT_ONCE; i < end && i < items.length; i++) this.announceThrough(items[i].id);
    }
    for (const item of this.latest(items)) if (item.status === 'refused') this.emit('error', { message: item.error!, file: summarize(item) });
  }

  /** Announces the items added before this one and not announced yet, then this one. */
  private announceThrough(id: string): void {
    if (!this.unannounced.has(id)) return;
    for (const [next, publicId] of this.unannounced) {
      this.unannounced.delete(next);
      const item = this.store.get(next);
      if (item) this.emit('upload-added', { file: summarize(item), publicId });
      if (next === id) return;
    }
  }

  /** A file's bytes and the destination's work before its first request, done before its turn. */
  private async readyAhead(item: QueueItem): Promise<ReadyFile> {
    const body = await this.prepareBody(item);
    const destination = await this.destination();
    return { body, ready: await destination.prepare?.({ item: this.store.get(item.id) ?? item, ...body }) };
  }

  /** @param release gives the file's lane to the next one (once its request is answered). */
  private async uploadItem(id: string, release: () => void): Promise<void> {
    const controller = new AbortController();
    const { signal } = controller;
    this.aborts.set(id, controller);
    const pauser = new AbortController();
    // A destination that cannot pause gracefully is stopped at once (what was in flight is lost).
    pauser.signal.addEventListener('abort', () => {
      if (!this.loadedDestination?.pausesGracefully) controller.abort(PAUSE);
    });
    this.pausers.set(id, pauser);
    const patch = (p: ItemPatch) => this.store.patch(id, p);
    // upload-progress's `loaded` only grows, in whole bytes: bytes a failed attempt loses show in
    // the queue (uploadedBytes), and the event speaks again once the retry passes them.
    let reported = -1;
    /** Stored: the item and the server's answer, for the success event. */
    let done: [QueueItem, UploadInfo] | undefined;
    try {
      const made = this.ahead.get(id);
      this.ahead.delete(id);
      // One made for a file or options changed since is waited for too: its late changes to the item would land over the fresh ones.
      const result = made && (made.result ?? (await made.done));
      const ahead = result && stillFits(made, this.store.get(id)!, this.options) ? result : undefined;
      if (ahead && 'error' in ahead) throw ahead.error;
      // A readied file goes without awaiting anything: its request leaves in this task.
      const body = this.bodies.get(id) ?? ahead?.value.body ?? (await this.prepareBody(patch({ status: 'preparing' })!));
      this.bodies.set(id, body);
      if (signal.aborted) throw signal.reason;
      const destination = this.loadedDestination ?? (await this.destination());
      if (signal.aborted) throw signal.reason;
      const item = patch({ status: 'uploading' })!;
      // Hashed while it goes (in a worker): compared with what the server says it stored.
      const sent = this.options.verifyUploads ? body.body : undefined;
      const hash = sent && this.hashOf(sent, id);
      const info = await destination.upload({
        item,
        ...body,
        ready: ahead?.value.ready,
        signal,
        pause: pauser.signal,
        progress: (bytes) => {
          // Never backwards: a request that failed or was dropped leaves the figure where it was
          // until the bytes sent again pass it.
          const sent = Math.max(bytes, this.store.get(id)?.uploadedBytes ?? 0);
          const now = patch({ uploadedBytes: sent });
          const total = now?.totalBytes ?? 0;
          const loaded = Math.floor(sent);
          if (loaded <= reported) return;
          reported = loaded;
          this.emit('upload-progress', { id, loaded, total, progress: total ? Math.round((loaded / total) * 100) : 0 });
        },
        retried: () => {
          const now = this.store.get(id);
          if (now) patch({ retries: now.retries + 1 });
        },
      });
      // A destination of the site's own may resolve anything: only an upload result is a success.
      if (!isUploadResult(info)) {
        // The value itself, not a copy in words: the console lets the developer open it.
        console.warn(
          "[upload-widget] the destination's upload() resolved this, not an upload result (an object with public_id, version and an http(s) secure_url):",
          info,
        );
        throw new UploadError('The answer is not an upload result.', 200, 'not-a-result');
      }
      const checks = hash && (await this.fileChecks().catch(() => undefined));
      if (sent && checks && !checks.storedAsSent(sent, info, await hash)) {
        // A retry sends every byte again, not the chunks the server acknowledged.
        this.forgetUpload(id);
        throw new UploadError('The stored bytes differ from the bytes sent.', 0, 'not-verified');
      }
      this.forgetUpload(id);
      // The item keeps the answer as the success event gives it (with thumbnail_url, the server's
      // preview that a web address's row shows).
      const success = successInfo(item, info);
      done = [patch({ status: 'done', uploadInfo: success, uploadedBytes: item.totalBytes })!, info];
    } catch (err) {
      const reason = signal.aborted ? signal.reason : pauser.signal.aborted && err === PAUSE ? PAUSE : undefined;
      if (reason === PAUSE) {
        // Paused (a graceful pause ends here once the chunks in flight are answered).
        if (this.store.get(id)?.status === 'uploading') patch({ status: 'paused', pausing: undefined });
      } else if (reason === ABORT) {
        patch({ status: 'aborted' });
      } else if (err instanceof CancelledByHook) {
        const cancelled = patch({ status: 'cancelled' });
        if (cancelled) this.emit('batch-cancelled', { reason: err.hook, files: [summarize(cancelled)] });
      } else {
        const uploadError = asUploadError(err);
        this.fail(id, this.describeFailure(this.store.get(id)?.name ?? '', err), uploadError?.status, uploadError?.code === 'rejected');
      }
    } finally {
      this.aborts.delete(id);
      this.pausers.delete(id);
      if (this.store.get(id)?.pausing) patch({ pausing: undefined });
      const status = this.store.get(id)?.status;
      if (!status || SETTLED.has(status)) {
        this.keeper?.forget(id);
        // A failed file keeps what it has sent for retry() where the destination can go on from
        // it (renew); remove() and abort() forget it.
        if (status !== 'failed' || !this.loadedDestination?.renew) this.forgetUpload(id);
      }
    }
    // Out of the try: a listener that throws cannot turn a stored file into a failed one. The next
    // file's request leaves before the page hears of this one.
    if (done) {
      release();
      this.emit('success', successInfo(...done));
    }
  }

  /** Why a file failed, in the page's words. */
  private describeFailure(name: string, err: unknown): string {
    const uploadError = asUploadError(err);
    const code = uploadError?.code;
    const problem: Problem =
      code === 'timeout'
        ? { code: 'server-timeout', name }
        : code === 'not-a-result'
          ? { code: 'not-a-result', name }
          : code === 'not-verified'
            ? { code: 'bytes-not-verified', name }
            : uploadError?.status === 0
              ? { code: 'server-unreachable', name }
              : { code: 'upload-failed', name, message: err instanceof ProblemError ? this.describe(err.problem) : (err as Error).message };
    return this.describe(problem);
  }

  /**
   * The bytes to send: downscaled or re-encoded (`imageFormat`), or else without the photo's
   * location; encrypted when the options ask for it.
   */
  private async prepareBody(item: QueueItem): Promise<PreparedBody> {
    const o = this.options;
    if (typeof item.source === 'string') return { fileName: item.name, coordinateScale: 1 };
    let file = item.source;
    let coordinateScale = 1;
    const shrink = this.needsDownscale.has(item.id);
    const heif = HEIF.test(item.type);
    const convert = o.imageFormat && (REDRAWABLE.test(item.type) || heif) ? `image/${o.imageFormat}` : undefined;
    let redrawn = false;
    if (shrink || convert) {
      const { imageSize, redraw } = await this.imageWork();
      // Sizes only matter for a downscale (crop coordinates follow it): a re-encoding keeps the pixels.
      const before = shrink ? await imageSize(file) : undefined;
      const drawn = await redraw(file, {
        ...(shrink ? { maxWidth: o.maxImageWidth, maxHeight: o.maxImageHeight } : {}),
        type: convert,
        quality: convert ? o.imageQuality : undefined,
      }).catch((err: unknown) => {
        // A picture this browser cannot decode: a required downscale fails the file, a compression lets it go as it is.
        if (shrink) throw err;
        return undefined;
      });
      // Re-encoded only to be smaller: a file that would grow goes as it is.
      if (drawn && (shrink || heif || drawn.size < file.size)) {
        const after = before && (await imageSize(drawn));
        if (before && after) coordinateScale = after.width / before.width;
        file = drawn;
        redrawn = true;
      }
    }
    // A redrawn image has no metadata at all; any other photo loses its GPS data here.
    if (!redrawn && !o.keepLocation && this.services.loadImageWork && mayCarryLocation(item)) {
      const { removeLocation } = await this.imageWork();
      const without = await removeLocation(file);
      if (without) {
        file = without;
        this.store.patch(item.id, { locationRemoved: true });
      }
    }
    if (o.encryption) {
      const { encryptFile } = await this.imageWork();
      file = await encryptFile(file, o.encryption);
    }
    if (file.size !== item.totalBytes) this.store.patch(item.id, { totalBytes: file.size });
    return { body: file, fileName: file.name, coordinateScale };
  }

  /** Drops what was prepared for an item's upload (settled, removed, or retried from zero). */
  private forgetUpload(id: string): void {
    this.bodies.delete(id);
    this.ahead.delete(id);
    this.loadedDestination?.forget?.(id);
  }

  /** Bytes of the item the destination has stored: where a paused upload stands. */
  private storedBytes(id: string): number {
    return this.loadedDestination?.stored?.(id) ?? 0;
  }

  /** The image and encryption work, loaded once. */
  private imageWork(): Promise<ImageWork> {
    const load = this.services.loadImageWork;
    if (!load) return Promise.reject(new Error('the dimension rules, downscaling and encryption need the loadImageWork service'));
    return (this.imageWorkLoad ??= load());
  }

  /** The resume keeper, loaded on first use; undefined when resuming is off or impossible here. */
  private resumeKeeper(): Promise<ResumeKeeper | undefined> {
    const load = this.services.loadResumeKeeper;
    if (!this.options.autoResume || !load || typeof indexedDB > 'u') return Promise.resolve(undefined);
    // Built once, with the keeper: this runs for every chunked upload kept.
    return (this.keeperLoad ??= load().then(
      (m) => {
        const engine = this;
        const host: KeeperHost = {
          get options() {
            return engine.options;
          },
          store: this.store,
          points: this.resumePoints,
          emit: (name, detail) => this.emit(name, detail),
          pump: () => this.pump(),
          resume: (id) => this.resume(id),
        };
        return (this.keeper = new m.ResumeKeeper(host));
      },
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

  /** While offline, uploads wait (their requests fail and hold); they go on by themselves when it returns. */
  private networkChanged(offline: boolean): void {
    this.store.setOffline(offline);
    const ids = this.store.filter((i) => i.status === 'uploading' || i.status === 'preparing' || i.status === 'queued').map((i) => i.id);
    if (ids.length) this.emit(offline ? 'network-lost' : 'network-restored', { ids });
  }

  /** A problem in words, through the host's `describe` service. */
  private describe(problem: Problem): string {
    return this.services.describe?.(problem) ?? problem.code;
  }

  private fail(id: string, message: string, status?: number, rejected = false): void {
    // What it stands at now is what the destination kept (a retry goes on from there).
    const item = this.store.patch(id, { status: 'failed', error: message, rejected: rejected || undefined, uploadedBytes: this.storedBytes(id) });
    if (item) this.emit('error', { message, file: summarize(item), ...(status ? { status } : {}) });
  }

  /** Items the current run's queues-end will list. */
  private joinRun(items: readonly QueueItem[]): void {
    if (!items.length) return;
    this.run ??= new Map();
    for (const item of items) this.run.set(item.id, item);
  }

  /**
   * queues-end once nothing is waiting, preparing or uploading, and no file is paused: a queue
   * whose remaining files are paused is not finished (it ends after they are resumed or cancelled).
   */
  private settleIfIdle(): void {
    // Files waiting for the go are part of the queue's work too: it ends after they are sent or dropped.
    if (!this.run || this.active > 0 || this.unannounced.size || this.store.count('queued', 'preparing', 'uploading', 'held') > 0) return;
    if (this.store.count('paused') > 0 && this.store.filter((i) => i.status === 'paused' && !i.waitingForFile).length) return;
    const files: FileSummary[] = [...this.run.values()].map((i) => summarize(this.store.get(i.id) ?? i));
    this.run = undefined;
    this.runStarted = false;
    this.emit('queues-end', { files });
  }

  /**
   * Tells every listener, as `dispatchEvent` does: one that throws is reported (the console, the
   * page's `error` handlers) and neither keeps the event from the others nor stops the engine.
   */
  private emit<K extends EngineEventName>(name: K, detail: EngineEventMap[K]): void {
    for (const listener of this.listeners) {
      try {
        listener(name, detail);
      } catch (error) {
        reportListenerError(error);
      }
    }
  }
}

/** Reports a listener's error where the page hears of uncaught ones, without unwinding the engine. */
function reportListenerError(error: unknown): void {
  if (typeof globalThis.reportError === 'function') globalThis.reportError(error);
  else
    setTimeout(() => {
      throw error;
    });
}

/** Cloudinary's success info: the server's answer plus the widget's own fields. */
function successInfo(item: QueueItem, info: UploadInfo): EngineEventMap['success'] {
  const thumbnail = info.resource_type === 'image' ? thumbnailUrl(info.secure_url) : undefined;
  return {
    ...info,
    id: item.id,
    batchId: item.batchId,
    path: `v${info.version}/${info.public_id}${info.format ? `.${info.format}` : ''}`,
    thumbnail_url: thumbnail,
  };
}
