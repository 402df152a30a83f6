// The files a record already has, given as the widget's `value` (the preloaded-file strings its
// form submits): shown as done rows with their thumbnails, in the form value as given, removable
// like any finished file; form.reset() brings them back. Nothing is uploaded. A lazy part, loaded
// only for a widget given a value.
import type { UploadController } from '../core/controller.js';
import { storedFiles } from '../core/stored-files.js';
import type { FormField } from './form-field.js';
import type { OptionProblem, WidgetOptions } from '../options.js';

export class StoredFilesController {
  /** The rows the value made, replaced when it changes. */
  private ids: string[] = [];

  constructor(
    private readonly engine: UploadController,
    private readonly field: FormField,
    private readonly options: () => WidgetOptions,
    /** Rows were added: the element shows its queue. */
    private readonly shown: () => void,
    private readonly report: (problem: OptionProblem) => void,
  ) {}

  /** Replaces the rows of the value shown before (those still there) with those of `value`. */
  show(value: unknown): void {
    for (const id of this.ids) {
      this.engine.remove(id);
      this.field.remove(id);
    }
    const o = this.options();
    const { files, unreadable } = storedFiles(value, { cloudName: o.cloudName ?? '', uploadPrefix: o.uploadPrefix });
    for (const text of unreadable)
      this.report({
        option: 'value',
        message: `value: "${text}" is not a preloaded-file string (image/upload/v<version>/<public_id>.<format>#<signature>); it is left out.`,
      });
    const items = this.engine.addStored(files);
    this.ids = items.map((i) => i.id);
    for (const [i, item] of items.entries()) this.field.add(item.id, files[i].value, o);
    if (items.length) this.shown();
  }
}
