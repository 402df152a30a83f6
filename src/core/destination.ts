// Where files go. The engine owns the queue, the checks, the hooks around a batch and the
// concurrency; a destination sends one file and answers with what was stored. Cloudinary's Upload
// API (cloudinary-destination.ts) is the first; a site can give its own (a presigned PUT, tus…)
// through the `destination` option.
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
  /** Bytes sent so far (in flight included); the engine turns them into progress and events. */
  progress(sentBytes: number): void;
  /** A request of this file was tried again (counted on the item). */
  retried(): void;
}

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
