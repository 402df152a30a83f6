// The crop step: the pictures of a pick get their crops in the crop view, which loads on first
// use and sends the whole pick back (`crop-finish`) to go to the queue as one batch. Without the
// view (its part failed to load) the files go up uncropped.
import type { ReactiveControllerHost } from 'lit';
import type { UploadParamOverrides } from '../core/types.js';
import { loadPart } from '../lazy/load-part.js';
import type { CropFinishDetail, CropPick } from '../views/crop-batch.js';

type Host = ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment };

export class CropFlow {
  /** The pick being cropped. */
  pick?: CropPick;

  constructor(
    private readonly host: Host,
    /** The pick goes on to the queue, each file with its crop when it has one. */
    private readonly upload: (files: Array<File | string>, each?: Array<UploadParamOverrides | undefined>) => void,
    /** The crop view could not be loaded (the host says so). */
    private readonly failed: (error: unknown) => void,
  ) {}

  start(pick: CropPick): void {
    this.pick = pick;
    this.host.requestUpdate();
    loadPart('crop-view')
      .then(() => this.host.updateComplete)
      .then(async () => {
        const view = this.host.renderRoot.querySelector<HTMLElement & { updateComplete: Promise<unknown> }>('uw-crop-view');
        await view?.updateComplete;
        view?.focus();
      })
      .catch((e) => {
        this.failed(e);
        this.cancel();
        this.upload([...pick.files]);
      });
  }

  /** Leaves the crop step without uploading (Back, or the widget closing). */
  cancel(): void {
    this.pick = undefined;
    this.host.requestUpdate();
  }

  readonly onFinish = (e: CustomEvent<CropFinishDetail>) => {
    this.cancel();
    this.upload(e.detail.files, e.detail.each);
  };
}
