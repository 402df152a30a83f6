// The crop step: Cloudinary crops when a single image is picked. The crop view loads on first
// use; once its image is decoded, focus goes to the crop box itself, so keyboard users can crop at
// once. Without the view (its part failed to load) the file goes up uncropped.
import type { ReactiveControllerHost } from 'lit';
import { type CoordinatesMode, type CropRect, coordinatesOverride } from '../core/crop.js';
import type { UploadParamOverrides } from '../core/types.js';
import { loadPart } from '../lazy/load-part.js';

type Host = ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment };

export class CropFlow {
  /** The image being cropped. */
  file?: File;

  constructor(
    private readonly host: Host,
    /** The file goes on to the queue, with its crop coordinates when it was cropped. */
    private readonly upload: (file: File, overrides?: UploadParamOverrides) => void,
    /** How the coordinates are sent. */
    private readonly mode: () => CoordinatesMode,
    /** The crop view could not be loaded (the host says so). */
    private readonly failed: (error: unknown) => void,
  ) {}

  start(file: File): void {
    this.file = file;
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
        this.onSkip();
      });
  }

  /** Leaves the crop step without uploading (Back, or the widget closing). */
  cancel(): File | undefined {
    const file = this.file;
    this.file = undefined;
    this.host.requestUpdate();
    return file;
  }

  readonly onDone = (e: CustomEvent<CropRect>) => {
    const file = this.cancel();
    if (file) this.upload(file, coordinatesOverride(e.detail, this.mode()));
  };

  readonly onSkip = () => {
    const file = this.cancel();
    if (file) this.upload(file);
  };
}
