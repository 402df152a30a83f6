// The pictures of one pick cropped one after another (Cloudinary crops a single file only): which
// picture is up, and each file's crop as decided. The crop view runs it; the pick goes to the
// queue as one batch once every picture is decided, each file with its own parameters.
import { type CoordinatesMode, type CropRect, coordinatesOverride } from '../core/crop.js';
import type { UploadParamOverrides } from '../core/types.js';

/** A pick and which of its files (by position) are pictures to crop. */
export interface CropPick {
  files: ReadonlyArray<File | string>;
  toCrop: readonly number[];
}

/** The pick as it goes: turned pictures replace their originals; `each` holds each file's crop. */
export interface CropFinishDetail {
  files: Array<File | string>;
  each: Array<UploadParamOverrides | undefined>;
}

export class CropBatch {
  private readonly files: Array<File | string>;
  private readonly each: Array<UploadParamOverrides | undefined> = [];
  private at = 0;

  constructor(
    private readonly pick: CropPick,
    private readonly mode: CoordinatesMode,
  ) {
    this.files = [...pick.files];
  }

  /** The picture up now; undefined once every one is decided. */
  get file(): File | undefined {
    return this.files[this.pick.toCrop[this.at]] as File | undefined;
  }

  /** 1-based, when there is more than one picture to crop. */
  get position(): { index: number; count: number } | undefined {
    const count = this.pick.toCrop.length;
    return count > 1 ? { index: this.at + 1, count } : undefined;
  }

  /** The pictures after this one. */
  get rest(): File[] {
    return this.pick.toCrop.slice(this.at + 1).map((i) => this.files[i] as File);
  }

  /** Decides the picture up now (no crop: it goes as it is) and moves to the next. */
  decide(crop?: CropRect & { file?: File }): void {
    this.set(this.pick.toCrop[this.at++], crop);
  }

  /** Decides this picture and every one after it (Apply to all). */
  decideAll(crop: CropRect & { file?: File }, rest: ReadonlyArray<CropRect | undefined>): void {
    const indexes = this.pick.toCrop.slice(this.at);
    this.set(indexes[0], crop);
    for (const [n, index] of indexes.slice(1).entries()) this.set(index, rest[n]);
    this.at = this.pick.toCrop.length;
  }

  get result(): CropFinishDetail {
    return { files: [...this.files], each: [...this.each] };
  }

  private set(index: number, crop?: CropRect & { file?: File }): void {
    if (!crop) return;
    if (crop.file) this.files[index] = crop.file;
    this.each[index] = coordinatesOverride(crop, this.mode);
  }
}
