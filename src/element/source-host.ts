// The shown source's element: made when its tab is chosen (a source in a lazy part loads then, and
// its element upgrades when it arrives), kept while the tab stays chosen. It gets the options and
// whether it is showing (a camera turns off when not); the files it picks go to the widget.
import type { WidgetOptions } from '../options.js';
import type { SourceElement, SourcePlugin } from '../sources/registry.js';

export class SourceHost {
  private shown?: { id: string; el: SourceElement };

  constructor(
    /** Files the source picked. */
    private readonly picked: (files: Array<File | string>) => void,
    /** Its lazy part did not load. */
    private readonly partFailed: (e: unknown) => void,
  ) {}

  /** The chosen tab's source: its element is made now (so its part loads before its tab shows). */
  choose(plugin: SourcePlugin | undefined): void {
    if (plugin && this.shown?.id !== plugin.id) {
      const el = document.createElement(plugin.tag) as SourceElement;
      el.setAttribute('exportparts', 'drop-area, browse-button');
      el.addEventListener('files-picked', (e) => {
        e.stopPropagation();
        this.picked((e as CustomEvent<Array<File | string>>).detail);
      });
      this.shown = { id: plugin.id, el };
      plugin.load?.().catch(this.partFailed);
    }
  }

  /** The chosen source's element, given the options and whether it shows. */
  render(options: WidgetOptions, active: boolean): SourceElement | undefined {
    const el = this.shown?.el;
    if (!el) return undefined;
    el.options = options;
    el.active = active;
    return el;
  }
}
