// Unfinished chunked uploads kept in IndexedDB as they go, so they resume after a reload, a
// closed tab or a crash: what identifies the file, the upload id, the acknowledged chunks and the
// file's own upload parameters (never a signature), and the bytes of files small enough to keep.
// Loaded on first use (a lazy part). Each upload is held by a Web Lock while a page works on it,
// so two tabs never resume the same one.
import type { PreparedUpload, ResumePoint } from './destination.js';
import type { EngineEventMap, EngineEventName } from './engine-events.js';
import type { EngineOptions } from './engine-options.js';
import { randomHex } from './ids.js';
import { newItem } from './queue-item.js';
import { markKeptUploads } from './resume-mark.js';
import type { QueueStore } from './store.js';
import { summarize } from './summary.js';
import type { QueueItem } from './types.js';
import { acknowledgedBytes } from './upload-file.js';

export interface ResumeRecord {
  uploadId: string;
  /** Which widget setup it belongs to (upload address, cloud, preset or key). */
  scope: string;
  name: string;
  size: number;
  type: string;
  lastModified: number;
  chunkSize: number;
  acknowledged: readonly number[];
  /** The file's own upload parameters (public id, tags, crop…), as the person set them. */
  overrides: Record<string, unknown>;
  savedAt: number;
}

export interface Restored extends ResumeRecord {
  /** The file's bytes, when it was small enough to keep. */
  blob?: Blob;
}

const DB = 'upload-widget-resume';
const UPLOADS = 'uploads';
const FILES = 'files';
/** The local server and Cloudinary forget unfinished uploads after a day. */
/** What the keeper reads and does of the engine it serves. */
export interface KeeperHost {
  readonly options: EngineOptions;
  readonly store: QueueStore;
  /** Where restored uploads stand, by item id, until they start again (the destination takes them). */
  readonly points: Map<string, ResumePoint>;
  emit<K extends EngineEventName>(name: K, detail: EngineEventMap[K]): void;
  /** Restored files are queued: start what may start. */
  pump(): void;
  /** A restored file waiting for its bytes got them: it goes on. */
  resume(id: string): void;
}

/** How WebKit refuses a file's bytes in IndexedDB while it keeps records (UnknownError; DataCloneError before 2025). */
const REFUSED_BYTES = new Set(['UnknownError', 'DataCloneError']);
const MAX_AGE_MS = 24 * 60 * 60 * 1000;
function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function finished(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    // The failing request's own error names the cause; the transaction's is only set once it aborts.
    tx.onerror = tx.onabort = (event) =>
      reject((event.target as IDBRequest | null)?.error ?? tx.error ?? new DOMException('Transaction aborted', 'AbortError'));
  });
}

export class ResumeKeeper {
  private db?: Promise<IDBDatabase>;
  /** Writes go one after another, so an acknowledgement never lands before its record. */
  private writes: Promise<void> = Promise.resolve();
  private broken = false;
  /** False once the browser refused a file's bytes: records are still kept, files no longer. */
  private keepsBytes = true;
  private readonly releases = new Map<string, () => void>();
  /** The upload id of each item being kept (its record exists; acknowledgements keep it current). */
  private readonly uploads = new Map<string, string>();
  /** Files' bytes being written, by upload id. */
  private readonly blobWrites = new Map<string, Promise<void>>();

  constructor(private readonly host: KeeperHost) {}

  /** Which widget setup an upload belongs to: only the same one resumes it. */
  private get scope(): string {
    const o = this.host.options;
    return [o.uploadPrefix, o.cloudName, o.resourceType, o.uploadPreset ?? '', o.apiKey ?? ''].join('|');
  }

  private open(): Promise<IDBDatabase> {
    return (this.db ??= new Promise((resolve, reject) => {
      const request = indexedDB.open(DB, 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore(UPLOADS, { keyPath: 'uploadId' }).createIndex('scope', 'scope');
        request.result.createObjectStore(FILES);
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new DOMException('IndexedDB is blocked', 'InvalidStateError'));
    }));
  }

  /** Runs one write; the first refusal turns keeping off and is said once. */
  private async guard(write: (db: IDBDatabase) => Promise<void>): Promise<void> {
    if (this.broken) return;
    try {
      await write(await this.open());
    } catch (err) {
      // Uploads go on, only without surviving a reload.
      if (this.broken) return;
      this.broken = true;
      const reason = (err as Error)?.name || 'Error';
      this.host.emit('resume-unavailable', { message: `Uploads will not survive a reload: the browser refused to keep their state (${reason}).` });
    }
  }

  /** Small writes (records, acknowledgements) go one after another, never behind a file's bytes. */
  private queue(write: (db: IDBDatabase) => Promise<void>): Promise<void> {
    return (this.writes = this.writes.then(() => this.guard(write)));
  }

  /**
   * Starts keeping a chunked upload of an unchanged local file (downscaled or encrypted bytes
   * could not be picked again), its bytes too when small enough, and holds its lock in this page.
   */
  keep(item: QueueItem, prepared: PreparedUpload): Promise<void> {
    const file = item.source;
    // Kept already (resumed after a pause, or restored with its bytes): nothing to write again.
    if (!(file instanceof File) || prepared.body !== file || this.uploads.get(item.id) === prepared.uploadId) return Promise.resolve();
    this.uploads.set(item.id, prepared.uploadId);
    const record: ResumeRecord = {
      uploadId: prepared.uploadId,
      scope: this.scope,
      name: file.name,
      size: file.size,
      type: file.type,
      lastModified: file.lastModified,
      chunkSize: prepared.chunkSize,
      acknowledged: [...prepared.acknowledged],
      overrides: JSON.parse(JSON.stringify(item.overrides)) as Record<string, unknown>,
      savedAt: Date.now(),
    };
    return this.put(record, file.size <= this.host.options.maxResumeStoreSize ? file : undefined);
  }

  private put(record: ResumeRecord, blob?: Blob): Promise<void> {
    void this.hold(record.uploadId, false);
    markKeptUploads(true);
    const saved = this.queue(async (db) => {
      const tx = db.transaction(UPLOADS, 'readwrite');
      tx.objectStore(UPLOADS).put(record);
      await finished(tx);
    });
    // The bytes go in their own transaction, beside the queue: a crash before they are in leaves
    // an upload that asks for its file again, and acknowledgements never wait for them.
    if (blob && this.keepsBytes) {
      this.blobWrites.set(
        record.uploadId,
        saved.then(() =>
          this.guard(async (db) => {
            try {
              const tx = db.transaction(FILES, 'readwrite');
              tx.objectStore(FILES).put(blob, record.uploadId);
              await finished(tx);
            } catch (err) {
              if (!REFUSED_BYTES.has((err as Error)?.name)) throw err;
              // WebKit refuses a File in IndexedDB whenever it cannot copy the file (always in
              // Safari's private browsing): the state is still kept, and after a reload the person
              // picks the file again to go on.
              this.keepsBytes = false;
            }
          }),
        ),
      );
    }
    return saved;
  }

  acknowledge(itemId: string, acknowledged: readonly number[]): Promise<void> {
    const uploadId = this.uploads.get(itemId);
    if (!uploadId) return Promise.resolve();
    return this.queue(async (db) => {
      const tx = db.transaction(UPLOADS, 'readwrite');
      const store = tx.objectStore(UPLOADS);
      const record = (await done(store.get(uploadId))) as ResumeRecord | undefined;
      if (record) store.put({ ...record, acknowledged: [...acknowledged], savedAt: Date.now() });
      await finished(tx);
    });
  }

  /** Stops keeping an item's upload (finished, failed, abandoned) and lets its lock go. */
  forget(itemId: string): Promise<void> {
    const uploadId = this.uploads.get(itemId) ?? this.host.points.get(itemId)?.uploadId;
    this.uploads.delete(itemId);
    this.host.points.delete(itemId);
    return uploadId ? this.drop(uploadId) : Promise.resolve();
  }

  private async drop(uploadId: string): Promise<void> {
    this.releases.get(uploadId)?.();
    this.releases.delete(uploadId);
    // A file's bytes still being written would land after the delete: wait for them.
    await this.blobWrites.get(uploadId);
    this.blobWrites.delete(uploadId);
    return this.queue(async (db) => {
      const tx = db.transaction([UPLOADS, FILES], 'readwrite');
      tx.objectStore(UPLOADS).delete(uploadId);
      tx.objectStore(FILES).delete(uploadId);
      await finished(tx);
    });
  }

  /**
   * The unfinished uploads of this scope that no other page is working on, now held by this
   * one; entries older than the servers keep them are dropped.
   */
  async claim(scope: string): Promise<Restored[]> {
    let records: ResumeRecord[];
    try {
      const store = (await this.open()).transaction(UPLOADS).objectStore(UPLOADS);
      records = (await done(store.index('scope').getAll(scope))) as ResumeRecord[];
      if (!(await done(store.count()))) markKeptUploads(false);
    } catch {
      return [];
    }
    const claimed: Restored[] = [];
    for (const record of records) {
      if (Date.now() - record.savedAt > MAX_AGE_MS) {
        void this.drop(record.uploadId);
        continue;
      }
      if (!(await this.hold(record.uploadId, true))) continue;
      const db = await this.open();
      const blob = (await done(db.transaction(FILES).objectStore(FILES).get(record.uploadId)).catch(() => undefined)) as Blob | undefined;
      claimed.push({ ...record, blob });
    }
    return claimed;
  }

  /** Puts this scope's unfinished uploads back in the queue: kept files go on, the others wait for theirs. */
  async restore(): Promise<void> {
    const { host } = this;
    if (!host.options.cloudName) return;
    const restored = await this.claim(this.scope);
    if (!restored.length) return;
    const batchId = `b${randomHex(6)}`;
    const fresh = restored.map((r) => {
      const waiting = !r.blob;
      // Without its bytes, an empty stand-in until the person picks the file again.
      const source = new File(r.blob ? [r.blob] : [], r.name, { type: r.type, lastModified: r.lastModified });
      const item = newItem(
        source,
        batchId,
        {
          size: r.size,
          status: waiting ? 'paused' : 'queued',
          uploadedBytes: acknowledgedBytes(r.size, r.chunkSize, r.acknowledged),
          totalBytes: r.size,
          overrides: r.overrides,
          ...(waiting ? { waitingForFile: { lastModified: r.lastModified } } : {}),
        },
        'r', // r…: never one of this page's own f… ids
      );
      host.points.set(item.id, { uploadId: r.uploadId, chunkSize: r.chunkSize, acknowledged: r.acknowledged });
      if (r.blob) this.uploads.set(item.id, r.uploadId);
      return item;
    });
    const items = host.store.add(fresh);
    host.emit('uploads-restored', {
      files: items.filter((i) => !i.waitingForFile).map(summarize),
      waitingForFiles: items.filter((i) => i.waitingForFile).map(summarize),
    });
    host.pump();
  }

  /** Puts a picked file into the restored upload waiting for it (same name, size and date); false if none. */
  reattach(file: File): boolean {
    const { store } = this.host;
    const [item] = store.filter(
      (i) => !!i.waitingForFile && i.name === file.name && i.size === file.size && i.waitingForFile.lastModified === file.lastModified,
    );
    if (!item) return false;
    store.patch(item.id, { source: file, waitingForFile: undefined });
    this.host.resume(item.id);
    return true;
  }

  /** The upload starts again from zero under a new id (the server no longer knew it): kept anew. */
  restarted(item: QueueItem, prepared: PreparedUpload): void {
    void this.forget(item.id);
    void this.keep(item, prepared);
  }

  /** Takes the upload's Web Lock until forget(); false when another page holds it. */
  private hold(uploadId: string, ifAvailable: boolean): Promise<boolean> {
    const locks = globalThis.navigator?.locks;
    if (!locks || this.releases.has(uploadId)) return Promise.resolve(true);
    return new Promise((answer) => {
      locks
        .request(`upload-widget:${uploadId}`, { ifAvailable }, (lock) => {
          answer(!!lock);
          return lock ? new Promise<void>((release) => this.releases.set(uploadId, release)) : undefined;
        })
        .catch(() => answer(true));
    });
  }
}
