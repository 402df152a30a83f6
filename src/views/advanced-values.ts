// What the Advanced panel holds, kept by the shell: the panel shows `values` and sends
// `advanced-change` with new ones; the shell passes them back, and clears them by passing
// NO_ADVANCED_VALUES once a batch is queued (a public ID belongs to one batch).
import { uniqueTags } from '../core/suggest.js';

export interface AdvancedValues {
  /** A valid public ID (an invalid one is left out). */
  readonly publicId?: string;
  readonly tags: readonly string[];
  readonly uploadPreset?: string;
}

export const NO_ADVANCED_VALUES: AdvancedValues = Object.freeze({ tags: Object.freeze([]) });

/** snake_case upload parameters, as `controller.addFiles(files, overrides)` takes them. */
// A type, not an interface, so it fits UploadParamOverrides' index signature.
export type AdvancedOverrides = {
  public_id?: string;
  tags?: string[];
  upload_preset?: string;
};

/** The values as upload parameters; the page's own tags stay, the person's are added to them. */
export function advancedOverrides({ publicId, tags, uploadPreset }: AdvancedValues, pageTags: readonly string[] = []): AdvancedOverrides {
  const out: AdvancedOverrides = {};
  if (publicId) out.public_id = publicId;
  if (tags.length) out.tags = uniqueTags([...pageTags, ...tags]);
  if (uploadPreset) out.upload_preset = uploadPreset;
  return out;
}
