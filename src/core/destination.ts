// Where files go. The engine owns the queue, the checks, the hooks around a batch and the
// concurrency; a destination sends one file and answers with what was stored. Cloudinary's Upload
// API (cloudinary-destination.ts) is the first, made like any other: from a DestinationContext
// (engine-options.ts, beside the options it carries), the engine's public face to a destination. A site gives its own (a presigned PUT, tus…) through
// the `destination` option, as a Destination or as a function that makes one from the context.
import type { QueueItem, UploadResult } from './types.js';

/** One attempt at sending one file. A paused file is sent again with a new task for the same item. */
export interface UploadTask {
  /** The item as it was when this attempt started (items are frozen; the store holds the latest). */
  readonly item: QueueItem;
  /** The bytes to send (after downscaling or encryption); undefined for a web address (`item.source`). */
  readonly body?: Blob;
  readonly fileName: string;
  /** How much a downscale shrank the image: crop coordinates measured on the original follow it. */
  readonly coordinateScale: number;
  /** Aborted when the file is paused or cancelled (`signal.reason` is 'pause' or 'abort'). */
  readonly signal: AbortSignal;
  /**
   * Aborted (reason 'pause') when the file is paused, for a destination that `pausesGracefully`:
   * it starts no new request, lets those in flight finish, then rejects with the reason.
   */
  readonly pause?: AbortSignal;
  /** What `prepare` resolved for this file, when it ran ahead of the file's turn. */
  readonly ready?: unknown;
  /** Bytes sent so far (in flight included); the engine turns them into progress and events. */
  progress(sentBytes: number): void;
  /** A request of this file was tried again (counted on the item). */
  retried(): void;
}

/** A file to prepare before its turn: the item and its bytes as they will be sent. */
export type PrepareTask = Pick<UploadTask, 'item' | 'body' | 'fileName' | 'coordinateScale'>;

/**
 * Sends files somewhere. Required: `upload`. A destination that can go on from where a paused file
 * stopped says how far it got with `stored`, and drops what it kept with `forget`.
 */
export interface Destination {
  /**
   * Sends the task's file. Resolves with the stored file's description (at least `public_id`,
   * `version` and `secure_url`: what Cloudinary's `success` event carries); rejects with an Error
   * whose message a person can act on, or with `CancelledByHook` when the site's hook dropped it.
   */
  upload(task: UploadTask): Promise<UploadResult>;
  /**
   * The work before a file's first request (its parameters, a signature), done while other files
   * upload so that its request leaves as soon as a lane frees. What it resolves comes back as
   * `task.ready`; it runs again when the file or the options change before the file starts, and
   * its failure fails the file when it starts.
   */
  prepare?(task: PrepareTask): Promise<unknown>;
  /** Honours `task.pause`; without it, a pause aborts `task.signal` at once. */
  readonly pausesGracefully?: boolean;
  /** Bytes of the item already stored, kept across a pause (progress falls back to them); 0 if none. */
  stored?(id: string): number;
  /** The item is finished, removed or aborted (or failed, when there is no `renew`): forget what was kept for it. */
  forget?(id: string): void;
  /**
   * The failed item is retried: authorize it again (a fresh signature) and go on from what is
   * stored. A destination with `renew` keeps a failed item's state until then.
   */
  renew?(id: string): void;
}

/** A site's hook dropped the file on its way out (Cloudinary's `prepareUploadParams` answering `{cancel: true}`). */
export class CancelledByHook extends Error {
  constructor(readonly hook: string) {
    super(hook);
  }
}

/** Where a chunked upload stands: its id on the server, its chunk size, and the chunks the server acknowledged. */
export interface ResumePoint {
  uploadId: string;
  /** Fixed when the upload starts: acknowledged chunks are counted in it. */
  chunkSize: number;
  /** Starts of the chunks the server acknowledged. */
  acknowledged: readonly number[];
}

/** Where to send the file and the signed (or preset) parameters that go with it. */
export interface AuthorizedRequest {
  url: string;
  fields: Record<string, string>;
}

/** What a chunked upload needs to go on later without asking the hooks twice (after a pause, or a reload). */
export interface PreparedUpload extends AuthorizedRequest, ResumePoint {
  body?: Blob;
  fileName: string;
  coordinateScale: number;
}

/**
 * Chunked uploads kept across a reload (the engine's resume keeper, a lazy part, behind it): a
 * destination that can go on with an upload keeps it here, and takes back where a restored one stood.
 */
export interface ResumeStore {
  /** Where a restored item's upload stood; taken once (the upload goes on from there). */
  take(id: string): ResumePoint | undefined;
  /** Keeps a chunked upload (and its file, when small enough) until it finishes or is dropped. */
  keep(item: QueueItem, upload: PreparedUpload): void;
  /** The server acknowledged more of the item's upload. */
  acknowledge(id: string, acknowledged: readonly number[]): void;
  /** The upload starts again from zero under a new id (the server no longer knew it). */
  restarted(item: QueueItem, upload: PreparedUpload): void;
}
