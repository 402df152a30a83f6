// Renders its host again whenever the engine's store changes. The host reads `state` as it
// renders: a new object after every change, so views below it re-render by lit's own checks.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { UploadController } from '../core/controller.js';
import type { QueueState } from '../core/store.js';

export class StoreController implements ReactiveController {
  private off?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly engine: UploadController,
  ) {
    host.addController(this);
  }

  get state(): QueueState {
    return this.engine.store.state;
  }

  /** Files waiting, preparing or uploading. */
  get unfinished(): number {
    return this.engine.store.count('queued', 'preparing', 'uploading');
  }

  hostConnected(): void {
    this.off = this.engine.subscribe(() => this.host.requestUpdate());
    // Changes made while the host was away (moved into an inline container) show now.
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.off?.();
    this.off = undefined;
  }
}
